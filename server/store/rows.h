#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <google/protobuf/timestamp.pb.h>
#include <pqxx/field>
#include <pqxx/row>

#include "domain/roles.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/common.pb.h"
#include "server/store/columns.h"

namespace factdesk::store {

// Sets a Timestamp field from a microseconds-since-epoch column (see fd_us in the
// schema). `mutable_ts` is called only for a non-NULL value, so NULL leaves the field
// unset (has_x() stays false).
template <typename MutableFn>
void SetTime(const pqxx::field& micros, MutableFn&& mutable_ts) {
  if (micros.is_null()) return;
  google::protobuf::Timestamp* ts = mutable_ts();
  const auto us = micros.as<std::int64_t>();
  ts->set_seconds(us / 1000000);
  ts->set_nanos(static_cast<std::int32_t>((us % 1000000) * 1000));
}

inline std::int64_t Micros(const google::protobuf::Timestamp& ts) {
  return ts.seconds() * 1000000 + ts.nanos() / 1000;
}

// A user's three columns: PREFIX_id, PREFIX_handle, PREFIX_display_name.
struct UserColumns {
  UserColumns(ColumnLookup& lookup, const std::string& prefix)
      : id(lookup(prefix + "_id")),
        handle(lookup(prefix + "_handle")),
        display_name(lookup(prefix + "_display_name")) {}
  ColumnIndex id;
  ColumnIndex handle;
  ColumnIndex display_name;
};

// Fills a User; a NULL id leaves the field unset (`mutable_user` is not called).
template <typename MutableFn>
void SetUser(const pqxx::row& row, const UserColumns& col, MutableFn&& mutable_user) {
  if (row[col.id].is_null()) return;
  v1::User* user = mutable_user();
  user->set_id(row[col.id].as<std::int64_t>());
  user->set_handle(row[col.handle].as<std::string>());
  user->set_display_name(row[col.display_name].as<std::string>());
}

// A verdict's five columns: verdict_label, verdict_ordered, verdict_value, verdict_best,
// verdict_worst (a verdict stores the scale's numbers of its time).
struct VerdictColumns {
  explicit VerdictColumns(ColumnLookup& lookup)
      : label(lookup("verdict_label")),
        ordered(lookup("verdict_ordered")),
        value(lookup("verdict_value")),
        best(lookup("verdict_best")),
        worst(lookup("verdict_worst")) {}
  ColumnIndex label;
  ColumnIndex ordered;
  ColumnIndex value;
  ColumnIndex best;
  ColumnIndex worst;
};

// A PostgreSQL array literal of known-safe words (statuses), passed as one text[]
// parameter; nullopt (SQL NULL: no filter) when there are none.
inline std::optional<std::string> WordArray(const std::vector<std::string>& words) {
  if (words.empty()) return std::nullopt;
  std::string out = "{";
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ',';
    out += '"' + words[i] + '"';
  }
  return out + "}";
}

// A PostgreSQL array literal of ids ("{1,2,3}"), passed as one bigint[] parameter.
inline std::string IdArray(const std::vector<std::int64_t>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "}";
}

// A membership's role, none when NULL (a LEFT JOIN that found no membership: not a
// member).
inline std::optional<domain::Role> RoleOrNone(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return domain::ParseRole(f.as<std::string>());
}

template <typename T>
T Or(const pqxx::field& f, T fallback) {
  return f.is_null() ? fallback : f.as<T>();
}

// Fills a verdict; a NULL label leaves `v` as it is.
inline void SetVerdict(const pqxx::row& row, const VerdictColumns& col, v1::Verdict* v) {
  if (row[col.label].is_null()) return;
  v->set_label(row[col.label].as<std::string>());
  v->set_ordered(Or<bool>(row[col.ordered], false));
  v->set_value(Or<double>(row[col.value], 0));
  v->set_best(Or<double>(row[col.best], 0));
  v->set_worst(Or<double>(row[col.worst], 0));
}

}  // namespace factdesk::store

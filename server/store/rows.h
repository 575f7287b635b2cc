#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <google/protobuf/timestamp.pb.h>
#include <pqxx/field>
#include <pqxx/row>

#include "factdesk/v1/common.pb.h"

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

// Fills a User from three consecutive columns: id, handle, display_name; a NULL id
// leaves the field unset (`mutable_user` is not called).
template <typename MutableFn>
void SetUser(const pqxx::row& row, int first_col, MutableFn&& mutable_user) {
  if (row[first_col].is_null()) return;
  v1::User* user = mutable_user();
  user->set_id(row[first_col].as<std::int64_t>());
  user->set_handle(row[first_col + 1].as<std::string>());
  user->set_display_name(row[first_col + 2].as<std::string>());
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

template <typename T>
T Or(const pqxx::field& f, T fallback) {
  return f.is_null() ? fallback : f.as<T>();
}

}  // namespace factdesk::store

#include "server/store/scale_store.h"

#include <array>

#include <nlohmann/json.hpp>

#include "server/store/columns.h"

namespace factdesk::store {
namespace {

struct ScaleColumns {
  explicit ScaleColumns(ColumnLookup& c) : id(c("id")), labels(c("labels")) {}
  ColumnIndex id, labels;
};

constexpr std::array kScaleStatements = {
    Statement{"scales.current",
              "SELECT r.id, r.labels::text AS labels FROM workspaces w "
              "JOIN rating_scales r ON r.id = w.rating_scale_id WHERE w.id = $1",
              RowsAs<ScaleColumns>},
    Statement{"scales.insert",
              "WITH r AS (INSERT INTO rating_scales (workspace_id, labels, created_by) "
              "VALUES ($1, $2::jsonb, $3) RETURNING id) "
              "UPDATE workspaces SET rating_scale_id = (SELECT id FROM r) WHERE id = $1 "
              "RETURNING rating_scale_id",
              RowsAs<Column<"rating_scale_id">>},
};

nlohmann::json ToJson(const domain::RatingScale& scale) {
  auto labels = nlohmann::json::array();
  for (const auto& l : scale.labels) {
    nlohmann::json j = {{"label", l.label}, {"description", l.description}};
    if (l.value) j["value"] = *l.value;
    labels.push_back(std::move(j));
  }
  return labels;
}

domain::RatingScale FromJson(const nlohmann::json& labels) {
  domain::RatingScale scale;
  for (const auto& j : labels) {
    domain::RatingLabel l;
    l.label = j.at("label").get<std::string>();
    l.description = j.value("description", "");
    if (j.contains("value")) l.value = j.at("value").get<double>();
    scale.labels.push_back(std::move(l));
  }
  return scale;
}

}  // namespace

std::span<const Statement> ScaleStatements() {
  return kScaleStatements;
}

v1::Verdict MakeVerdict(const v1::RatingScale& scale, const std::string& label) {
  v1::Verdict v;
  v.set_label(label);
  for (const auto& l : scale.labels()) {
    if (l.label() != label) continue;
    v.set_ordered(l.ordered());
    if (l.ordered()) {
      v.set_value(l.value());
      v.set_best(scale.best());
      v.set_worst(scale.worst());
    }
  }
  return v;
}

domain::RatingScale ToDomainScale(const v1::RatingScale& scale) {
  domain::RatingScale out;
  for (const auto& l : scale.labels()) {
    domain::RatingLabel label{l.label(), std::nullopt, l.description()};
    if (l.ordered()) label.value = l.value();
    out.labels.push_back(std::move(label));
  }
  return out;
}

v1::RatingScale ToProtoScale(const domain::RatingScale& scale, std::int64_t id) {
  v1::RatingScale out;
  out.set_id(id);
  // Ordered labels first, best to worst, then the rest in their given order.
  std::vector<const domain::RatingLabel*> ordered;
  std::vector<const domain::RatingLabel*> unordered;
  for (const auto& l : scale.labels) (l.value ? ordered : unordered).push_back(&l);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto* a, const auto* b) { return *a->value > *b->value; });
  for (const auto* group : {&ordered, &unordered}) {
    for (const auto* l : *group) {
      auto* label = out.add_labels();
      label->set_label(l->label);
      label->set_ordered(l->value.has_value());
      label->set_value(l->value.value_or(0));
      label->set_description(l->description);
    }
  }
  if (!ordered.empty()) {
    out.set_best(scale.best());
    out.set_worst(scale.worst());
  }
  return out;
}

Result<v1::RatingScale> CurrentScale(Tx& tx, std::int64_t workspace_id) {
  const pqxx::result r = tx.Exec("scales.current", workspace_id);
  if (r.empty()) return StoredScale(0, "");
  const auto col = MapColumns<ScaleColumns>(r);
  return StoredScale(r[0][col.id].as<std::int64_t>(), r[0][col.labels].as<std::string>());
}

v1::RatingScale StoredScale(std::int64_t id, const std::string& labels) {
  if (id == 0) return ToProtoScale(domain::DefaultRatingScale(), 0);
  return ToProtoScale(FromJson(nlohmann::json::parse(labels)), id);
}

Result<v1::RatingScale> ReplaceScale(Tx& tx, std::int64_t workspace_id,
                                     const domain::RatingScale& scale, std::int64_t created_by) {
  const pqxx::result r = tx.Exec("scales.insert", workspace_id, ToJson(scale).dump(), created_by);
  return ToProtoScale(scale, FirstValue<std::int64_t, "rating_scale_id">(r));
}

}  // namespace factdesk::store

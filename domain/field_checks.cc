#include "domain/field_checks.h"

#include <string>

namespace factdesk::domain {

Status RequireId(std::string_view field, std::int64_t id) {
  if (id <= 0) return Status::InvalidArgument(std::string(field), "must be a positive id");
  return Status::Ok();
}

Status RequireVersion(std::int64_t expected_version) {
  if (expected_version > 0) return Status::Ok();
  return Status::InvalidArgument("expected_version", "must be the version you read (got " +
                                                         std::to_string(expected_version) + ")");
}

}  // namespace factdesk::domain

#pragma once

#include <string>

#include "common/status.h"

namespace factdesk::ui {

// The import dialog's language: a combo of common BCP 47 tags, a field for any other
// tag, and the importer's guess beside them (its reason as a tooltip). Returns whether
// `tag` is well-formed: OK, or the server's own refusal ("language: ... is not a BCP 47
// language tag"), which is also drawn under the field.
Status DrawLanguagePicker(std::string& tag, const std::string& guessed, const std::string& why);

}  // namespace factdesk::ui

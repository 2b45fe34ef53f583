#pragma once
// The edit form of each collection: which fields it shows and how a posted form becomes the item's
// content-format JSON (and back). The fields and their rules come from sync/content/fields.hpp and
// validate: this only says how to present each (bilingual side by side, a date picker, choices).
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "console/core/item_check.hpp"
#include "sync/content/content_json.hpp"

namespace kiosk::console {

enum class FieldKind {
  id,
  text,
  url,
  local,
  local_long,
  datetime,
  integer,
  number,
  boolean,
  choice,
  space,
  image,
  list,
  series,
  year_value,
  hours
};

struct FieldSpec {
  std::string key;
  FieldKind kind;
  std::vector<std::string> choices;  // choice: the allowed values
  std::string choice_set = {};       // choice: their labels are the strings "choice.<set>.<value>"
  bool multiline = false;            // texts: line breaks are kept (elsewhere they become spaces)
};

const std::vector<FieldSpec>& form_fields(content::Collection c);

// Posted form fields ("f.title.zh" ...) -> item JSON. Empty inputs are left out, as staff would
// leave them out of a file; problems of form (a number that is not one) come back as field errors.
nlohmann::json item_from_form(content::Collection c, const std::map<std::string, std::string>& form,
                              std::vector<FieldError>& errors);

// The view model of a form: one entry per field with its current values, choices and errors.
nlohmann::json form_view(content::Collection c, const nlohmann::json& item,
                         const std::vector<FieldError>& errors, const std::vector<std::string>& spaces,
                         const std::vector<std::string>& images);

}  // namespace kiosk::console

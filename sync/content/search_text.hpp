#pragma once
// What is searchable about an item, and how text is normalised for search (search_index.hpp, the
// engine the kiosk and kioskctl both use, builds on these; so does the store's older FTS5 index,
// which no program queries any more).
#include <string>
#include <string_view>
#include <vector>

#include "sync/content/model.hpp"

namespace kiosk::content {

// Both languages of the visible names plus the staff-written keywords (pinyin, synonyms).
std::string searchable_text(const Event& e);
std::string searchable_text(const Resource& r);

// Lowercase ASCII, full-width ASCII folded to half-width; everything else unchanged.
std::string normalize_for_search(std::string_view text);

// Splits a user's query into normalised terms (whitespace separated).
std::vector<std::string> search_terms(std::string_view query);

}  // namespace kiosk::content

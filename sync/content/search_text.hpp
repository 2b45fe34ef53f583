#pragma once
// What is searchable about an item, and how text is normalised for search. The store's FTS5 index
// and the in-memory search of a ContentSnapshot both build on these, so the kiosk screen and
// `kioskctl query search` agree on what an item can be found by.
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

// True when every term occurs in the (normalised) haystack.
bool matches_all(std::string_view normalized_haystack, const std::vector<std::string>& terms);

}  // namespace kiosk::content

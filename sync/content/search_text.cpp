#include "sync/content/search_text.hpp"

#include "sync/content/utf8.hpp"

namespace kiosk::content {
namespace {

void add(std::string& out, const std::string& s) {
  if (s.empty()) return;
  if (!out.empty()) out += '\n';
  out += s;
}
void add(std::string& out, const LocalText& t) {
  add(out, t.zh);
  add(out, t.en);
}

}  // namespace

std::string searchable_text(const Event& e) {
  std::string out;
  add(out, e.title);
  add(out, e.summary);
  add(out, e.organiser);
  add(out, e.venue);
  add(out, e.keywords);
  return out;
}

std::string searchable_text(const Resource& r) {
  std::string out;
  add(out, r.name);
  add(out, r.provider);
  add(out, r.summary);
  add(out, r.location);
  add(out, r.keywords);
  return out;
}

std::string normalize_for_search(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = utf8::next(text, pos);
    if (cp == utf8::kInvalid) continue;
    utf8::append(out, utf8::fold(cp));
  }
  return out;
}

std::vector<std::string> search_terms(std::string_view query) {
  std::vector<std::string> terms;
  const std::string normalized = normalize_for_search(query);
  std::size_t start = 0;
  while (start < normalized.size()) {
    const std::size_t end = normalized.find_first_of(" \t\n\r", start);
    const std::size_t stop = end == std::string::npos ? normalized.size() : end;
    if (stop > start) terms.push_back(normalized.substr(start, stop - start));
    start = stop + 1;
  }
  return terms;
}

bool matches_all(std::string_view haystack, const std::vector<std::string>& terms) {
  for (const auto& term : terms) {
    if (haystack.find(term) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace kiosk::content

#include "sync/content/search_text.hpp"

#include "sync/content/fields.hpp"
#include "sync/content/utf8.hpp"

namespace kiosk::content {
namespace {

void add(std::string& out, const std::string& s) {
  if (s.empty()) return;
  if (!out.empty()) out += '\n';
  out += s;
}

// Collects the fields marked `searched` in fields.hpp, in both languages.
struct SearchedFields {
  std::string& out;
  void operator()(const std::string& s, const Field& f) const {
    if (f.search_rank > 0) add(out, s);
  }
  void operator()(const LocalText& t, const Field& f) const {
    if (f.search_rank == 0) return;
    add(out, t.zh);
    add(out, t.en);
  }
  template <class Other>
  void operator()(const Other&, const Field&) const {}
};

template <class T>
std::string searched_text(const T& item) {
  std::string out;
  fields(item, SearchedFields{out});
  return out;
}

}  // namespace

std::string searchable_text(const Event& e) {
  return searched_text(e);
}

std::string searchable_text(const Resource& r) {
  return searched_text(r);
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

}  // namespace kiosk::content

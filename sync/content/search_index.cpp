#include "sync/content/search_index.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "sync/content/search_text.hpp"
#include "sync/content/utf8.hpp"

namespace kiosk::content {
namespace {

// How a term matched, added to ten times the field's rank.
constexpr int kFieldStart = 5;  // at the start of a name, a title ...
constexpr int kWord = 3;        // a whole word, or a word's start
constexpr int kPinyin = 2;      // the pinyin of Chinese text
constexpr int kStem = 1;        // another form of the word

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool letters_only(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool ascii_only(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// One stemmer per thread: Snowball's are not safe to share, and the UI and content threads both search.
struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

}  // namespace

std::string english_stem(std::string_view word) {
  if (word.size() <= 3 || !letters_only(word)) return std::string(word);
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(sb_stemmer_new("english", nullptr));
  std::string stem(word);
  if (stemmer) {
    const sb_symbol* out = sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                                           static_cast<int>(word.size()));
    if (out != nullptr)
      stem.assign(reinterpret_cast<const char*>(out),
                  static_cast<std::size_t>(sb_stemmer_length(stemmer.get())));
  }
  // Snowball keeps agent nouns whole (printer, scanners); a visitor means the thing they do.
  for (std::string_view suffix : {"ers", "er"}) {
    if (stem.size() >= suffix.size() + 4 && stem.ends_with(suffix)) {
      stem.resize(stem.size() - suffix.size());
      break;
    }
  }
  return stem;
}

void SearchIndex::add(std::span<const FieldText> fields) {
  Doc d;
  for (const auto& f : fields) {
    if (f.text.empty()) continue;
    const auto rank = static_cast<std::uint8_t>(std::clamp(f.rank, 1, 9));
    if (!d.text.empty()) d.text += '\n';
    d.fields.emplace_back(static_cast<std::uint32_t>(d.text.size()), rank);
    d.text += normalize_for_search(f.text);
    // The field's Han characters as readings; anything else ends a run (a word boundary for pinyin).
    bool in_run = false;
    for (std::size_t pos = 0; pos < f.text.size();) {
      const char32_t c = utf8::next(f.text, pos);
      const auto readings = pinyin_->readings(c);
      if (readings.empty()) {
        in_run = false;
        continue;
      }
      if (!in_run && !d.units.empty()) d.units.push_back(Unit{});
      in_run = true;
      const Syllable second = readings.size() > 1 ? readings[1] : kNone;
      d.units.push_back(Unit{readings[0], second, rank, pinyin_->syllable(readings[0])[0],
                             second == kNone ? '\0' : pinyin_->syllable(second)[0]});
    }
    if (!d.units.empty() && d.units.back().rank != 0) d.units.push_back(Unit{});
  }
  for (std::size_t i = 0; i < d.text.size(); ++i) {
    const char c = d.text[i];
    if (c >= 'a' && c <= 'z' && (i == 0 || !ascii_alnum(d.text[i - 1]))) d.initials |= 1u << (c - 'a');
  }
  for (const Unit& u : d.units) {
    for (Syllable s : {u.a, u.b})
      if (u.rank != 0 && s != kNone) d.initials |= 1u << (pinyin_->syllable(s)[0] - 'a');
  }
  d.text.shrink_to_fit();
  d.units.shrink_to_fit();
  docs_.push_back(std::move(d));
}

std::vector<SearchHit> SearchIndex::find(std::string_view query) const {
  std::vector<std::string> terms = search_terms(query), stems;
  std::vector<SearchHit> hits;
  if (terms.empty()) return hits;
  std::uint32_t needed = 0;  // every term that starts with a letter must find that letter starting something
  for (const auto& t : terms) {
    stems.push_back(ascii_only(t) ? english_stem(t) : t);
    if (t[0] >= 'a' && t[0] <= 'z') needed |= 1u << (t[0] - 'a');
  }
  hits.reserve(docs_.size() / 4);
  for (std::size_t i = 0; i < docs_.size(); ++i) {
    if ((docs_[i].initials & needed) != needed) continue;
    int total = 0;
    for (std::size_t t = 0; t < terms.size(); ++t) {
      const int score = match_term(docs_[i], terms[t], stems[t]);
      if (score == 0) {
        total = 0;
        break;
      }
      total += score;
    }
    if (total > 0) hits.push_back(SearchHit{i, total});
  }
  std::sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
    return a.score != b.score ? a.score > b.score : a.index < b.index;
  });
  return hits;
}

int SearchIndex::match_term(const Doc& d, std::string_view term, std::string_view stem) const {
  if (!ascii_only(term)) {  // Chinese (or other) text: found anywhere
    const std::size_t at = d.text.find(term);
    if (at == std::string::npos) return 0;
    int best = 0;
    for (const auto& [start, rank] : d.fields) {
      if (start > at) break;
      best = rank * 10 + (start == at ? kFieldStart : kWord);
    }
    return best;
  }
  int best = match_words(d, term);
  if (stem != term) best = std::max(best, match_words(d, stem) - (kWord - kStem));
  if (letters_only(term)) best = std::max(best, match_pinyin(d, term));
  return best;
}

// `word` at the start of a word; the best-ranked field where it is.
int SearchIndex::match_words(const Doc& d, std::string_view word) const {
  int best = 0;
  std::size_t field = 0;
  for (std::size_t at = d.text.find(word); at != std::string::npos; at = d.text.find(word, at + 1)) {
    if (at > 0 && ascii_alnum(d.text[at - 1])) continue;
    while (field + 1 < d.fields.size() && d.fields[field + 1].first <= at) ++field;
    const auto [start, rank] = d.fields[field];
    best = std::max(best, rank * 10 + (start == at ? kFieldStart : kWord));
  }
  return best;
}

int SearchIndex::match_pinyin(const Doc& d, std::string_view letters) const {
  int best = 0;
  const Unit* begin = d.units.data();
  const Unit* end = begin + d.units.size();
  const char first = letters[0];
  for (const Unit* u = begin; u != end; ++u) {
    if (u->first_a != first && u->first_b != first) continue;  // breaks have neither
    if (u->rank * 10 + kPinyin + kFieldStart <= best) continue;
    if (pinyin_from(u, end, letters) == nullptr) continue;
    const bool run_start = u == begin || (u - 1)->rank == 0;
    best = std::max(best, u->rank * 10 + kPinyin + (run_start ? kFieldStart : 0));
    if (best == 3 * 10 + kPinyin + kFieldStart) break;  // the best there is: a name's first characters
  }
  return best;
}

// Whether the characters from `u` on read as `q`: each one by a whole syllable, by its initial (zh,
// ch and sh count as one), or, for the last one typed, by the start of its syllable.
const SearchIndex::Unit* SearchIndex::pinyin_from(const Unit* u, const Unit* end, std::string_view q) const {
  if (q.empty()) return u;
  if (u == end || u->rank == 0) return nullptr;
  char tried_initial = 0;
  for (Syllable s : {u->a, u->b}) {
    if (s == kNone) continue;
    const std::string_view syl = pinyin_->syllable(s);
    if (syl.starts_with(q)) return u + 1;
    if (q.starts_with(syl))
      if (const Unit* e = pinyin_from(u + 1, end, q.substr(syl.size()))) return e;
    if (syl.size() > 2 && syl[1] == 'h' && (syl[0] == 'z' || syl[0] == 'c' || syl[0] == 's') &&
        q.starts_with(syl.substr(0, 2)))
      if (const Unit* e = pinyin_from(u + 1, end, q.substr(2))) return e;
    if (syl.size() > 1 && q[0] == syl[0] && tried_initial != q[0]) {
      tried_initial = q[0];
      if (const Unit* e = pinyin_from(u + 1, end, q.substr(1))) return e;
    }
  }
  return nullptr;
}

std::vector<std::string> SearchIndex::candidates(std::string_view query, std::span<const SearchHit> hits,
                                                 std::size_t max_words, std::size_t max_items) const {
  const std::vector<std::string> terms = search_terms(query);
  if (terms.empty() || !letters_only(terms.back())) return {};
  const std::string& letters = terms.back();
  std::map<std::string, int> count;  // word -> how many items (best ranked first) have it
  std::vector<std::string> order;
  for (std::size_t h = 0; h < hits.size() && h < max_items; ++h) {
    const Doc& d = docs_[hits[h].index];
    // The doc's Han characters with readings, in the order of its units (breaks have none).
    std::vector<std::string_view> chars;
    for (std::size_t pos = 0; pos < d.text.size();) {
      const std::size_t at = pos;
      const char32_t c = utf8::next(d.text, pos);
      if (!pinyin_->readings(c).empty()) chars.push_back(std::string_view(d.text).substr(at, pos - at));
    }
    std::set<std::string> in_doc;
    const Unit* begin = d.units.data();
    const Unit* end = begin + d.units.size();
    std::size_t ordinal = 0;  // characters before `u`
    for (const Unit* u = begin; u != end; ++u) {
      if (u->rank == 0) continue;
      const std::size_t first = ordinal++;
      if (u->first_a != letters[0] && u->first_b != letters[0]) continue;
      const Unit* stop = pinyin_from(u, end, letters);
      if (stop == nullptr) continue;
      std::string word;
      for (std::size_t k = first; k < first + static_cast<std::size_t>(stop - u) && k < chars.size(); ++k)
        word += chars[k];
      if (word.empty() || !in_doc.insert(word).second) continue;
      if (count[word]++ == 0) order.push_back(word);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](const std::string& a, const std::string& b) { return count[a] > count[b]; });
  if (order.size() > max_words) order.resize(max_words);
  return order;
}

}  // namespace kiosk::content

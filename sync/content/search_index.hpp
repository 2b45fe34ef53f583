#pragma once
// The one search engine: the kiosk's on-screen keyboard and `kioskctl query search` both ask it, so
// they always agree. A visitor may type
//   - Chinese characters, found anywhere in the item's searched texts ("超算");
//   - pinyin derived from the Chinese text with a packaged dictionary (pinyin.hpp), whole ("chaosuan"),
//     by initials ("cs"), or mixed ("chaos", "csuan"), with no keywords written by staff;
//   - English words at the start of a word, in any common form (print, printer, printing: Snowball's
//     English stemmer, Debian libstemmer);
// several terms separated by spaces must all match. Hits are ranked by where they matched (a name or
// title before who and where, before the summary and keywords) and how (a whole field's start, a
// whole word, before a part), then in the staff's order.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sync/content/fields.hpp"
#include "sync/content/pinyin.hpp"

namespace kiosk::content {

struct SearchHit {
  std::size_t index = 0;  // of the item, in the order added
  int score = 0;
};

class SearchIndex {
 public:
  struct FieldText {
    std::string_view text;
    int rank = 1;  // Field::search_rank
  };

  explicit SearchIndex(const PinyinDictionary& pinyin = PinyinDictionary::system()) : pinyin_(&pinyin) {}

  void add(std::span<const FieldText> fields);
  // Adds an item's fields marked searched in fields.hpp, both languages.
  template <class T>
  void add_item(const T& item);

  std::size_t size() const { return docs_.size(); }
  bool pinyin_available() const { return pinyin_->available(); }
  // Items matching every term, best first; an empty query matches nothing.
  std::vector<SearchHit> find(std::string_view query) const;
  // The Chinese words of the content whose pinyin the last term of `query` spells (in part), most
  // frequent first, for the keyboard to offer: "dayin" -> 打印. Looks at the first `max_items` hits.
  std::vector<std::string> candidates(std::string_view query, std::size_t max_words = 8,
                                      std::size_t max_items = 200) const {
    return candidates(query, find(query), max_words, max_items);
  }
  // The same, from hits find(query) already gave (the kiosk shows them too: no second search).
  std::vector<std::string> candidates(std::string_view query, std::span<const SearchHit> hits,
                                      std::size_t max_words = 8, std::size_t max_items = 200) const;

 private:
  using Syllable = PinyinDictionary::Syllable;
  static constexpr Syllable kNone = 0xFFFF;
  // One Han character: its readings (kNone where it has fewer), or a break between runs of them.
  struct Unit {
    Syllable a = kNone, b = kNone;
    std::uint8_t rank = 0;          // 0: a break
    char first_a = 0, first_b = 0;  // the readings' first letters, checked before anything else
  };
  struct Doc {
    std::string text;                                            // the fields, normalised, one per line
    std::vector<std::pair<std::uint32_t, std::uint8_t>> fields;  // where each line starts, its rank
    std::vector<Unit> units;
    std::uint32_t initials = 0;  // bit n: some word or reading starts with 'a' + n (skips most items)
  };

  int match_term(const Doc& d, std::string_view term, std::string_view stem) const;
  int match_words(const Doc& d, std::string_view word) const;
  int match_pinyin(const Doc& d, std::string_view letters) const;
  // Where a reading of `q` starting at `u` ends (one past its last character), or nullptr.
  const Unit* pinyin_from(const Unit* u, const Unit* end, std::string_view q) const;

  const PinyinDictionary* pinyin_;
  std::vector<Doc> docs_;
};

// Snowball English stem of a lowercase ASCII word, also without a trailing agent "-er(s)" (printer ->
// print). Words of three letters or fewer are left as they are.
std::string english_stem(std::string_view word);

template <class T>
void SearchIndex::add_item(const T& item) {
  std::vector<FieldText> texts;
  fields(item, [&](const auto& member, const Field& f) {
    if (f.search_rank == 0) return;
    using M = std::decay_t<decltype(member)>;
    if constexpr (std::is_same_v<M, LocalText>) {
      texts.push_back({member.zh, f.search_rank});
      texts.push_back({member.en, f.search_rank});
    } else if constexpr (std::is_same_v<M, std::string>) {
      texts.push_back({member, f.search_rank});
    }
  });
  add(texts);
}

}  // namespace kiosk::content

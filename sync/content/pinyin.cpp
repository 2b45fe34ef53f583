#include "sync/content/pinyin.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "sync/content/utf8.hpp"

namespace kiosk::content {
namespace {

constexpr double kMinShare = 5.0;  // percent: rarer readings would only add false matches

struct Candidate {
  std::string syllable;
  double share = 100.0;  // a character with one reading states no weight
};

bool plain_syllable(std::string_view s) {
  return !s.empty() && s.size() <= 6 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

PinyinDictionary PinyinDictionary::parse(std::string_view text) {
  std::map<char32_t, std::vector<Candidate>> found;
  const std::size_t body = text.find("\n...");
  std::size_t pos = body == std::string_view::npos ? 0 : text.find('\n', body + 1);
  while (pos != std::string_view::npos && pos < text.size()) {
    const std::size_t start = pos + (text[pos] == '\n' ? 1 : 0);
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    pos = end;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos || line.empty() || line[0] == '#') continue;
    std::size_t at = 0;
    const char32_t c = utf8::next(line.substr(0, tab), at);
    if (at != tab || !utf8::is_cjk(c)) continue;  // phrases: the character table is what we use
    std::string_view rest = line.substr(tab + 1);
    const std::size_t cut = rest.find_first_of("\t ");
    Candidate cand{std::string(rest.substr(0, cut)), 100.0};
    if (!plain_syllable(cand.syllable)) continue;
    if (cut != std::string_view::npos) {
      const std::string weight(rest.substr(cut));
      if (weight.find('%') != std::string::npos) cand.share = std::strtod(weight.c_str(), nullptr);
    }
    found[c].push_back(std::move(cand));
  }

  PinyinDictionary d;
  std::unordered_map<std::string, Syllable> ids;
  d.readings_.reserve(found.size());
  for (auto& [c, cands] : found) {
    std::stable_sort(cands.begin(), cands.end(),
                     [](const Candidate& a, const Candidate& b) { return a.share > b.share; });
    Entry e;
    for (const auto& cand : cands) {
      if (e.count == kMaxReadings || (e.count > 0 && cand.share < kMinShare)) break;
      if (std::find_if(e.s.begin(), e.s.begin() + e.count,
                       [&](Syllable s) { return d.syllables_[s] == cand.syllable; }) != e.s.begin() + e.count)
        continue;
      auto [it, added] = ids.emplace(cand.syllable, static_cast<Syllable>(d.syllables_.size()));
      if (added) d.syllables_.push_back(cand.syllable);
      e.s[e.count++] = it->second;
    }
    if (e.count > 0) d.readings_.emplace(c, e);
  }
  return d;
}

std::filesystem::path PinyinDictionary::system_path() {
  if (const char* env = std::getenv("KIOSK_PINYIN_DICT"); env != nullptr && *env != '\0') return env;
  return "/usr/share/rime-data/luna_pinyin.dict.yaml";
}

const PinyinDictionary& PinyinDictionary::system() {
  static const PinyinDictionary dictionary = [] {
    const auto path = system_path();
    std::ifstream in(path, std::ios::binary);
    if (!in) return PinyinDictionary{};  // callers say so: available() is false
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str());
  }();
  return dictionary;
}

std::span<const PinyinDictionary::Syllable> PinyinDictionary::readings(char32_t c) const {
  const auto it = readings_.find(c);
  if (it == readings_.end()) return {};
  return {it->second.s.data(), it->second.count};
}

}  // namespace kiosk::content

#pragma once
// The pinyin of Chinese characters, so a visitor typing "chaosuan" or "cs" on a Latin keyboard finds
// 超算 without staff writing keywords. The readings come from a packaged dictionary, Rime's Luna
// Pinyin (Debian rime-data-luna-pinyin): a text table of character, toneless reading and how often
// each reading is used, which gives the common reading of a polyphonic character first (行: xing
// before hang) and keeps the second one for names such as 银行.
#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kiosk::content {

class PinyinDictionary {
 public:
  using Syllable = std::uint16_t;
  static constexpr std::size_t kMaxReadings = 2;  // the common reading and the next one

  // Reads a Rime dictionary (`字<TAB>reading<TAB>weight%` lines after a "..." header); lines it does
  // not understand are skipped. Readings used in under 5 % of cases are dropped.
  static PinyinDictionary parse(std::string_view rime_dict);
  // $KIOSK_PINYIN_DICT, else /usr/share/rime-data/luna_pinyin.dict.yaml, read once per process.
  // Empty (size() == 0) when the file is missing: search then finds Chinese text, English words and
  // staff keywords only, and `available()` says so.
  static const PinyinDictionary& system();
  static std::filesystem::path system_path();

  std::size_t size() const { return readings_.size(); }
  bool available() const { return !readings_.empty(); }
  // The readings of a character, most used first; empty for anything that is not a Han character.
  std::span<const Syllable> readings(char32_t c) const;
  std::string_view syllable(Syllable s) const { return syllables_[s]; }

 private:
  struct Entry {
    std::array<Syllable, kMaxReadings> s{};
    std::uint8_t count = 0;
  };
  std::vector<std::string> syllables_;
  std::unordered_map<char32_t, Entry> readings_;
};

}  // namespace kiosk::content

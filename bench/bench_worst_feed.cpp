// The kiosk's peak memory on the worst content that still validates (issue #12, budget: 250 MB on
// a 1 GB Pi): every collection at its count limit, every text field at its length limit written
// with as many distinct Chinese characters as there are (the glyph atlas's worst case), and posters
// at the pixel cap on the events a visitor sees first. The real kiosk program imports it as its
// baseline and renders every screen at every size in both languages (--gallery); its peak RSS is
// read by /usr/bin/time (package time).
//
//   bench_worst_feed KIOSK_BINARY WORK_DIR [POSTERS]
#include <stb/stb_image_write.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "bench/synthetic_content.hpp"
#include "sync/content/content_json.hpp"
#include "sync/content/fields.hpp"
#include "sync/content/image_probe.hpp"
#include "sync/content/limits.hpp"
#include "sync/content/source_dir.hpp"
#include "sync/content/utf8.hpp"
#include "sync/content/validate.hpp"
#include "tests/support/image_files.hpp"

using namespace kiosk;
using namespace kiosk::content;
namespace fs = std::filesystem;

namespace {

// Fills every text and plain string to its limit with CJK ideographs, walking the whole block
// (U+4E00..U+9FFF) so the content uses every character the font has.
struct FillToLimit {
  char32_t& next;
  std::string run(std::size_t chars) const {
    std::string out;
    for (std::size_t i = 0; i < chars; ++i) {
      utf8::append(out, next);
      next = next == 0x9FFF ? 0x4E00 : next + 1;
    }
    return out;
  }
  void operator()(LocalText& t, const Field& f) const {
    if (f.max_chars == 0) return;
    t.zh = run(f.max_chars);
    t.en = std::string(f.max_chars, 'w');
  }
  void operator()(std::string& s, const Field& f) const {
    if (f.role == Role::plain && f.max_chars > 0) s = run(f.max_chars);
  }
  template <class Other>
  void operator()(Other&, const Field&) const {}
};

// Half the posters are PNGs at the pixel cap (decoded row by row), half progressive JPEGs as large as
// the decoder's memory cap allows (their coefficients are held whole until the last scan): the two
// costliest kinds of image that validate.
std::string poster_name(int i) {
  return "poster-" + std::to_string(i) + (i % 2 ? ".jpg" : ".png");
}
constexpr int kProgressiveSide = 3200;  // 4:4:4, 6 bytes of coefficients per pixel: 61 of the 64 MB

Content worst_content(UnixSeconds now, int posters) {
  Content c = bench::synthetic_content(limits::kMaxEvents, limits::kMaxResources, now);
  c.meta.title = {"最坏情况", "worst case"};
  while (c.spaces.size() < limits::kMaxSpaces) {
    Space s = c.spaces.front();
    s.id = "space-" + std::to_string(c.spaces.size());
    s.kiosk_ids.clear();
    c.spaces.push_back(s);
  }
  while (c.desks.size() < limits::kMaxDesks) {
    Desk d;
    d.id = "desk-" + std::to_string(c.desks.size());
    d.space_id = c.spaces[c.desks.size() % c.spaces.size()].id;
    d.kind = static_cast<DeskKind>(c.desks.size() % enum_count<DeskKind>());
    d.status = c.desks.size() % 3 == 0 ? DeskStatus::free : DeskStatus::occupied;
    d.status_at = now - 60;
    c.desks.push_back(d);
  }
  while (c.indicators.size() < limits::kMaxIndicators) {
    Indicator x;
    x.id = "ind-" + std::to_string(c.indicators.size());
    x.group = static_cast<IndicatorGroup>(c.indicators.size() % enum_count<IndicatorGroup>());
    x.baseline = YearValue{2015, 50};
    x.target = YearValue{2020, 300};
    c.indicators.push_back(x);
  }
  for (auto& x : c.indicators) {
    x.series.clear();
    for (std::size_t i = 0; i < limits::kMaxSeriesPoints && i <= 100; ++i)  // periods are years 2000-2100
      x.series.push_back({std::to_string(2000 + i), 100.0 + static_cast<double>(i), false});
  }
  while (c.notices.size() < limits::kMaxNotices) {
    Notice n;
    n.id = "notice-" + std::to_string(c.notices.size());
    n.starts = now - 3600;
    n.ends = now + 30 * 86400;
    c.notices.push_back(n);
  }
  char32_t next = 0x4E00;
  fields(c.meta, FillToLimit{next});
  for_each_collection(c, [&](auto& items) {
    for (auto& item : items) fields(item, FillToLimit{next});
  });
  for (int i = 0; i < posters && i < static_cast<int>(c.events.size()); ++i)
    c.events[i].poster = poster_name(i);
  return c;
}

// A PNG at the pixel cap: a gradient, so it is not one colour, but small enough as a file.
void write_poster(const fs::path& file, int side) {
  std::vector<unsigned char> rgb(static_cast<std::size_t>(side) * side * 3);
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) {
      unsigned char* p = &rgb[(static_cast<std::size_t>(y) * side + x) * 3];
      p[0] = static_cast<unsigned char>(y * 255 / side), p[1] = 90, p[2] = 160;
    }
  if (stbi_write_png(file.c_str(), side, side, 3, rgb.data(), side * 3) == 0)
    throw std::runtime_error("cannot write " + file.string());
}

// Writes the source files, keeping as many longest-text items as fit the total a content set may
// hold (limits::kMaxContentBytes, the bound on such a feed, not the item counts): the small
// collections whole, then half of what is left for events and the rest for resources.
void write_source(Content& c, const fs::path& dir) {
  fs::create_directories(dir / "images");
  const std::string meta = to_json(c.meta).dump();
  std::ofstream(dir / "meta.json") << meta;
  std::size_t left = limits::kMaxContentBytes - meta.size() - 4096;
  const auto write = [&](auto& items, std::size_t budget) {
    using T = typename std::decay_t<decltype(items)>::value_type;
    const std::string key(collection_name(collection_of<T>));
    std::string body = "{\"" + key + "\":[";
    std::size_t kept = 0;
    for (const auto& item : items) {
      const std::string one = to_json(item).dump();
      if (body.size() + one.size() + 3 > budget) break;
      body += (kept++ ? "," : "") + one;
    }
    items.resize(kept);
    body += "]}";
    left -= std::min(left, body.size());
    std::ofstream(dir / (key + ".json")) << body;
  };
  write(c.spaces, left);
  write(c.desks, left);
  write(c.indicators, left);
  write(c.notices, left);
  write(c.events, left / 2);
  write(c.resources, left);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_worst_feed KIOSK_BINARY WORK_DIR [POSTERS]\n";
    return 2;
  }
  const fs::path kiosk = fs::absolute(argv[1]);
  const fs::path work = fs::absolute(argv[2]);
  const int posters = argc > 3 ? std::atoi(argv[3]) : 6;
  fs::remove_all(work);
  const UnixSeconds now = 1796090400;  // 2026-12-01T10:00:00+08:00
  Content c = worst_content(now, posters);
  // The largest square the cap allows: 6324 x 6324 = 39.99 MP.
  int side = 1;
  while (static_cast<long long>(side + 1) * (side + 1) <= kMaxImagePixels && side + 1 <= kMaxImageSide)
    ++side;
  const fs::path source = work / "content";
  write_source(c, source);  // may keep fewer items: see there
  for (int i = 0; i < posters; ++i) {
    const fs::path file = source / "images" / poster_name(i);
    if (i % 2 == 0) {
      write_poster(file, side);
    } else {
      std::ofstream(file, std::ios::binary) << test::encode_jpeg(
          kProgressiveSide, kProgressiveSide,
          [](int x, int y) {
            return test::rgba(static_cast<std::uint8_t>(x), static_cast<std::uint8_t>(y), 160);
          },
          test::JpegKind::progressive);
    }
  }
  {
    Issues issues;
    const auto loaded = load_source_dir(source, issues);
    if (issues.has_errors()) {
      std::cerr << "the worst feed does not validate, so it proves nothing: " << issues.summary() << "\n";
      return 1;
    }
    std::cout << "worst valid feed: " << loaded.content.spaces.size() << " spaces, "
              << loaded.content.events.size() << " events, " << loaded.content.desks.size() << " desks, "
              << loaded.content.resources.size() << " resources, " << loaded.content.indicators.size()
              << " indicators, " << loaded.content.notices.size() << " notices, " << posters
              << " posters (PNG " << side << "x" << side << " px, progressive JPEG " << kProgressiveSide
              << "x" << kProgressiveSide << " px); every text at its length limit\n";
  }
  std::ofstream(work / "kiosk.json") << nlohmann::json{{"baseline_dir", source.string()}}.dump();
  // The kiosk is started by /usr/bin/time, not forked from here: Linux carries a process's peak RSS
  // across exec, so a child forked from this (large) benchmark would report this one's peak.
  const fs::path rss_file = work / "peak-rss.txt";
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string config = (work / "kiosk.json").string(), data = (work / "data").string(),
                      gallery = (work / "gallery").string(), out = rss_file.string();
    execl("/usr/bin/time", "time", "-f", "%M", "-o", out.c_str(), kiosk.c_str(), "--config", config.c_str(),
          "--data-dir", data.c_str(), "--gallery", gallery.c_str(), "--now", "2026-12-01T10:00:00+08:00",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "the kiosk failed on the worst feed (status " << status
              << "; /usr/bin/time is package time)\n";
    return 1;
  }
  long peak_kb = 0;
  std::ifstream(rss_file) >> peak_kb;
  std::printf("kiosk peak RSS on the worst valid feed: %.1f MB (budget 250 MB), %.1f s for import + %s\n",
              static_cast<double>(peak_kb) / 1024.0, seconds, "every screen x 4 sizes x 2 languages");
  return 0;
}

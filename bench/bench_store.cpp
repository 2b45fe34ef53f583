// Store benchmark (issue: foundation). Prints figures; the budgets are in the issue:
//   import 10,000 events + 10,000 resources < 2 s; search p99 < 5 ms; snapshot build < 150 ms.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/synthetic_content.hpp"
#include "platform/log.hpp"
#include "sync/store/fts_tokenizer.hpp"
#include "sync/store/store.hpp"

using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Percentiles {
  double p50, p99, max;
};

Percentiles percentiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const auto at = [&](double q) {
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
  };
  return {at(0.5), at(0.99), v.back()};
}

template <class Fn>
void time_queries(const char* label, const std::vector<std::string>& queries, int rounds, Fn run) {
  std::vector<double> samples;
  std::size_t hits = 0;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& q : queries) {
      const auto start = Clock::now();
      hits += run(q);
      samples.push_back(ms_since(start));
    }
  }
  const auto p = percentiles(samples);
  std::printf("  %-44s p50 %7.3f ms   p99 %7.3f ms   max %7.3f ms   (%zu queries, %zu hits)\n", label, p.p50,
              p.p99, p.max, samples.size(), hits);
}

}  // namespace

int main(int argc, char** argv) {
  log::silence();
  const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
  const auto dir =
      std::filesystem::temp_directory_path() / ("kiosk-bench-store-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const content::UnixSeconds now = 1764468000;
  const auto content = bench::synthetic_content(n, n, now);

  store::OpenOptions options;
  options.db_path = dir / "content.db";
  auto st = store::Store::open(options);

  std::printf("bench_store: %zu events + %zu resources, SQLite %s, file %s\n", n, n, sqlite3_libversion(),
              options.db_path.c_str());
  auto start = Clock::now();
  st->replace_content(content, content::VersionInfo{1, "bench", now, now, ""});
  std::printf("  import (one transaction, with search index)  %8.1f ms   budget < 2000 ms\n",
              ms_since(start));
  start = Clock::now();
  st->replace_content(content, content::VersionInfo{2, "bench", now, now, ""});
  std::printf("  re-import over existing content              %8.1f ms\n", ms_since(start));

  std::vector<double> builds;
  std::shared_ptr<const content::ContentSnapshot> snap;
  for (int i = 0; i < 5; ++i) {
    start = Clock::now();
    snap = st->snapshot();
    builds.push_back(ms_since(start));
  }
  std::printf("  snapshot build (read all rows + index)       %8.1f ms   (median of 5)   budget < 150 ms\n",
              percentiles(builds).p50);

  const std::vector<std::string> zh2 = {"超级", "论坛", "孵化", "创业", "天使",
                                        "检测", "泰达", "制造", "医药", "芯片"};
  const std::vector<std::string> zh3 = {"超级计", "训练营", "孵化器", "开放日",
                                        "云计算", "大数据", "新材料", "干细胞"};
  const std::vector<std::string> en = {"sup", "fore",  "incub",  "angel", "test",
                                       "med", "cloud", "big da", "ic d",  "tian"};
  std::printf("  FTS5 search (store, limit 50, ranked):\n");
  const auto fts = [&](const std::string& q) { return st->search(q, 50).size(); };
  time_queries("2-character Chinese", zh2, 20, fts);
  time_queries("3-character Chinese", zh3, 20, fts);
  time_queries("English prefixes", en, 20, fts);
  const auto unranked = [&](const std::string& q) {
    auto s = st->database().prepare("SELECT item_id FROM search WHERE search MATCH ?1 LIMIT 50");
    s.bind_all(store::fts_match_expression(q));
    std::size_t rows = 0;
    while (s.step()) ++rows;
    return rows;
  };
  time_queries("2-character Chinese, unranked", zh2, 20, unranked);
  time_queries("English prefixes, unranked", en, 20, unranked);
  std::printf("  In-memory snapshot search (what the kiosk screen runs per keystroke):\n");
  const auto mem = [&](const std::string& q) {
    content::ResourceFilter f;
    f.query = q;
    return snap->resources(f).size();
  };
  time_queries("2-character Chinese", zh2, 20, mem);
  time_queries("English prefixes", en, 20, mem);

  std::printf("  database size %.1f MB\n",
              static_cast<double>(std::filesystem::file_size(options.db_path)) / (1024.0 * 1024.0));
  st.reset();
  std::filesystem::remove_all(dir);
  return 0;
}

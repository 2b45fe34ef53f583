// The kiosk must never refuse to start because of its cache.
#include <doctest/doctest.h>

#include <filesystem>

#include "sync/store/store.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {
store::OpenOptions options_for(const test::TempDir& dir) {
  store::OpenOptions o;
  o.db_path = dir / "content.db";
  o.baseline_dir = test::demo_dir();
  o.now = test::demo_now();
  return o;
}
}  // namespace

TEST_CASE("a new store is filled from the shipped baseline") {
  test::TempDir dir;
  store::OpenReport report;
  auto st = store::Store::open(options_for(dir), &report);
  CHECK(report.created);
  CHECK(report.baseline_loaded);
  CHECK(st->version().origin == "baseline");
  CHECK(st->snapshot()->content().events.size() >= 40);
}

TEST_CASE("a corrupt database file is moved aside with its -wal and -shm and rebuilt") {
  test::TempDir dir;
  {
    auto st = store::Store::open(options_for(dir));
    st->set_state("marker", "old");
  }
  // Overwrite the middle of the file: pages damaged, header intact.
  const auto db = dir / "content.db";
  std::string bytes = test::read_text(db);
  REQUIRE(bytes.size() > 8192);
  for (std::size_t i = 4096; i < bytes.size(); i += 97) bytes[i] = static_cast<char>(0xA5);
  test::write_text(db, bytes);

  store::OpenReport report;
  auto st = store::Store::open(options_for(dir), &report);
  CHECK(report.recovered);
  CHECK_FALSE(report.reason.empty());
  CHECK(fs::exists(report.moved_aside));
  CHECK(report.baseline_loaded);
  CHECK(st->integrity_check() == "ok");
  CHECK_FALSE(st->state("marker"));
  CHECK(st->snapshot()->content().events.size() >= 40);
}

TEST_CASE("a file that is not a database is moved aside and its stale -wal never reaches the new one") {
  test::TempDir dir;
  test::write_text(dir / "content.db", std::string(10000, 'x'));
  // A WAL left beside a new database would be replayed into it: it must go with its file.
  test::write_text(dir / "content.db-wal", "garbage wal");
  test::write_text(dir / "content.db-shm", "garbage shm");
  store::OpenReport report;
  auto st = store::Store::open(options_for(dir), &report);
  CHECK(report.recovered);
  CHECK(report.reason.find("not a database") != std::string::npos);
  CHECK(test::read_text(report.moved_aside) == std::string(10000, 'x'));
  // SQLite discards a WAL whose header is invalid; whatever happened, none of it is beside the
  // new database (a foreign WAL with valid frames would be replayed into it).
  CHECK(test::read_text(dir / "content.db-wal").find("garbage") == std::string::npos);
  CHECK(test::read_text(dir / "content.db-shm").find("garbage") == std::string::npos);
  CHECK(st->integrity_check() == "ok");
  CHECK(st->version().origin == "baseline");
}

TEST_CASE("a database from a newer kiosk is set aside - not misread") {
  test::TempDir dir;
  {
    auto st = store::Store::open(options_for(dir));
    st->database().exec("PRAGMA user_version = 99");
  }
  store::OpenReport report;
  auto st = store::Store::open(options_for(dir), &report);
  CHECK(report.recovered);
  CHECK(report.reason.find("newer kiosk") != std::string::npos);
}

TEST_CASE("a database missing a table its schema version promises is rebuilt - not failed on first query") {
  test::TempDir dir;
  {
    auto st = store::Store::open(options_for(dir));
    st->database().exec("DROP TABLE search_rows");
  }
  store::OpenReport report;
  auto st = store::Store::open(options_for(dir), &report);
  CHECK(report.recovered);
  CHECK(report.reason.find("no table \"search_rows\"") != std::string::npos);
  CHECK(report.baseline_loaded);
  CHECK_FALSE(st->snapshot()->content().events.empty());
}

TEST_CASE("an unusable data directory falls back to memory with the baseline") {
  // A file where the directory should be: fails for root too (permissions would not).
  test::TempDir dir;
  test::write_text(dir / "not-a-dir", "x");
  store::OpenOptions o = options_for(dir);
  o.db_path = dir / "not-a-dir" / "content.db";
  o.blob_dir = dir / "blobs";
  store::OpenReport report;
  auto st = store::Store::open(o, &report);
  CHECK(report.in_memory);
  CHECK(report.baseline_loaded);
  CHECK(st->snapshot()->content().resources.size() >= 50);
}

TEST_CASE("only the newest broken copy is kept - so repeated corruption cannot fill the card") {
  test::TempDir dir;
  for (int i = 0; i < 3; ++i) {
    test::write_text(dir / "content.db", std::string(5000 + i, 'x'));
    store::OpenReport report;
    store::Store::open(options_for(dir), &report);
    REQUIRE(report.recovered);
    // distinct second-resolution names are not needed: older copies are deleted first
  }
  int broken = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    const auto name = e.path().filename().string();
    if (name.find(".broken-") != std::string::npos && name.find("-wal") == std::string::npos &&
        name.find("-shm") == std::string::npos) {
      ++broken;
    }
  }
  CHECK(broken == 1);
}

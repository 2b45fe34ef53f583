#include <doctest/doctest.h>

#include <filesystem>

#include "sync/content/sha256.hpp"
#include "sync/store/store.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
using namespace kiosk::content;

namespace {
const UnixSeconds kNow = test::demo_now();

std::unique_ptr<store::Store> open_store(const test::TempDir& dir, store::OpenReport* report = nullptr) {
  store::OpenOptions options;
  options.db_path = dir / "content.db";
  options.now = kNow;
  return store::Store::open(options, report);
}
}  // namespace

TEST_CASE("content written to a real file comes back identical - with its version") {
  test::TempDir dir;
  const Content c = test::small_content(kNow);
  {
    auto st = open_store(dir);
    st->replace_content(c, VersionInfo{12, "feed", kNow - 60, kNow, "deadbeef"});
  }
  store::OpenReport report;
  auto st = open_store(dir, &report);
  CHECK_FALSE(report.recovered);
  CHECK_FALSE(report.created);
  CHECK(st->load_content() == c);
  CHECK(st->version() == VersionInfo{12, "feed", kNow - 60, kNow, "deadbeef"});
  const auto snap = st->snapshot();
  CHECK(snap->content() == c);
  CHECK(snap->version().version == 12);
}

TEST_CASE("the store runs in WAL mode with full sync and foreign keys") {
  test::TempDir dir;
  auto st = open_store(dir);
  CHECK(st->database().scalar_text("PRAGMA journal_mode") == "wal");
  CHECK(st->database().scalar_int("PRAGMA synchronous") == 2);  // FULL
  CHECK(st->database().scalar_int("PRAGMA foreign_keys") == 1);
  CHECK(st->database().scalar_int("PRAGMA busy_timeout") == store::kBusyTimeoutMs);
  CHECK(st->integrity_check() == "ok");
}

TEST_CASE("a replace that fails half way leaves the previous content") {
  test::TempDir dir;
  auto st = open_store(dir);
  const Content good = test::small_content(kNow);
  st->replace_content(good, VersionInfo{1, "feed", kNow, kNow, ""});
  Content bad = good;
  bad.events.push_back(bad.events[0]);  // duplicate primary key: fails inside the transaction
  CHECK_THROWS_AS(st->replace_content(bad, VersionInfo{2, "feed", kNow, kNow, ""}), store::SqliteError);
  CHECK(st->load_content() == good);
  CHECK(st->version().version == 1);
}

TEST_CASE("an event pointing at a missing space cannot be committed (deferred foreign keys)") {
  test::TempDir dir;
  auto st = open_store(dir);
  Content c = test::small_content(kNow);
  c.events[0].space_id = "ghost";
  CHECK_THROWS_AS(st->replace_content(c, VersionInfo{}), store::SqliteError);
  CHECK(st->load_content().events.empty());
}

TEST_CASE("blobs are stored under their hash - verified - and garbage-collected") {
  test::TempDir dir;
  auto st = open_store(dir);
  const std::string bytes = "\x89PNG fake image bytes";
  const std::string sha = sha256_hex(bytes);
  st->blobs().put(sha, bytes);
  CHECK(st->blobs().has(sha));
  CHECK(st->blobs().get(sha, 1024) == bytes);
  CHECK_THROWS(st->blobs().put(sha256_hex("other"), bytes));  // wrong hash is refused
  test::write_text(st->blobs().path_of(sha), "tampered");
  CHECK_FALSE(st->blobs().verify(sha));
  CHECK(st->blobs().remove_except({}) == 1);
  CHECK_FALSE(st->blobs().has(sha));
}

TEST_CASE("importing the demo directory loads every collection and its images") {
  test::TempDir dir;
  auto st = open_store(dir);
  const auto issues = store::import_source_dir(*st, test::demo_dir(), kNow);
  REQUIRE_MESSAGE(!issues.has_errors(), issues.summary());
  const auto snap = st->snapshot();
  CHECK(snap->content().events.size() >= 40);
  CHECK(snap->content().resources.size() >= 50);
  CHECK(snap->version().origin == "import");
  for (const auto& image : snap->content().images) {
    CHECK(st->blobs().verify(image.sha256));
    CHECK(snap->image_file(image.name) == st->blobs().path_of(image.sha256));
  }
}

TEST_CASE("a broken import changes nothing in the database") {
  test::TempDir dir;
  auto st = open_store(dir);
  st->replace_content(test::small_content(kNow), VersionInfo{3, "feed", kNow, kNow, ""});
  test::copy_tree(test::demo_dir(), dir / "broken");
  test::write_text(dir / "broken" / "events.json", "{\"events\": [ {\"id\": \"x\" ");
  const auto issues = store::import_source_dir(*st, dir / "broken", kNow);
  CHECK(issues.has_errors());
  CHECK(st->version().version == 3);
  CHECK(st->load_content() == test::small_content(kNow));
}

TEST_CASE("sync state survives reopening") {
  test::TempDir dir;
  {
    auto st = open_store(dir);
    st->set_state("etag", "\"abc\"");
  }
  auto st = open_store(dir);
  CHECK(st->state("etag") == "\"abc\"");
  CHECK_FALSE(st->state("missing"));
}

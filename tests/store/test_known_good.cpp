// The last known good copy for safe mode: taken from a real store, it keeps its content and images
// after the live store moved on and collected its old blobs; a failed save keeps the previous copy;
// a damaged copy is not used.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>

#include "sync/store/known_good.hpp"
#include "sync/store/store.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
using content::VersionInfo;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<store::Store> demo_store(const test::TempDir& dir) {
  store::OpenOptions o;
  o.db_path = dir / "content.db";
  o.now = test::demo_now();
  auto st = store::Store::open(o);
  const auto issues = store::import_source_dir(*st, test::demo_dir(), test::demo_now(), "feed");
  REQUIRE_MESSAGE(!issues.has_errors(), issues.summary());
  return st;
}

ino_t inode(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_ino;
}

}  // namespace

TEST_CASE("a known good copy outlives the next version and its garbage collection") {
  test::TempDir dir;
  auto live = demo_store(dir);
  const auto demo = live->load_content();
  const auto paths = store::KnownGoodPaths::in(dir.path());
  CHECK_FALSE(store::known_good_version(paths).has_value());

  store::save_known_good(*live, paths);
  REQUIRE(store::known_good_version(paths).has_value());
  CHECK(store::known_good_version(paths)->version == live->version().version);
  REQUIRE_FALSE(demo.images.empty());
  const auto& first = demo.images.front();
  CHECK(inode(paths.blobs / first.sha256) ==
        inode(live->blobs().path_of(first.sha256)));  // a link, not a copy

  // The live store moves on to other content and drops the demo's images.
  live->replace_content(test::small_content(test::demo_now()),
                        VersionInfo{99, "feed", test::demo_now(), test::demo_now(), ""});
  live->blobs().remove_except({});
  CHECK_FALSE(live->blobs().has(first.sha256));

  store::OpenReport report;
  auto safe = store::open_known_good(paths, dir / "safe-mode.db", &report);
  REQUIRE(safe != nullptr);
  CHECK(safe->load_content() == demo);
  CHECK(safe->version().version != 99);
  for (const auto& image : demo.images) CHECK(safe->blobs().verify(image.sha256));
  CHECK(live->version().version == 99);  // the live store was not touched
}

TEST_CASE("saving again replaces the copy and drops images only the old copy needed") {
  test::TempDir dir;
  auto live = demo_store(dir);
  const auto paths = store::KnownGoodPaths::in(dir.path());
  store::save_known_good(*live, paths);
  live->replace_content(test::small_content(test::demo_now()),
                        VersionInfo{7, "feed", test::demo_now(), test::demo_now(), ""});
  store::save_known_good(*live, paths);
  CHECK(store::known_good_version(paths)->version == 7);
  int blobs = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(paths.blobs)) ++blobs;
  CHECK(blobs == static_cast<int>(test::small_content(test::demo_now()).images.size()));
  CHECK_FALSE(fs::exists(dir / "known-good.db.tmp"));
}

TEST_CASE("a save that fails half way keeps the previous copy") {
  test::TempDir dir;
  auto live = demo_store(dir);
  const auto paths = store::KnownGoodPaths::in(dir.path());
  store::save_known_good(*live, paths);
  const auto before = store::known_good_version(paths);
  live->replace_content(test::small_content(test::demo_now()),
                        VersionInfo{8, "feed", test::demo_now(), test::demo_now(), ""});
  fs::create_directories(dir / "known-good.db.tmp" / "blocker");  // the temp copy cannot be created
  CHECK_THROWS(store::save_known_good(*live, paths));
  REQUIRE(store::known_good_version(paths).has_value());
  CHECK(store::known_good_version(paths)->version == before->version);
  auto safe = store::open_known_good(paths, dir / "safe-mode.db");
  REQUIRE(safe != nullptr);
  CHECK(safe->integrity_check() == "ok");
}

TEST_CASE("a damaged copy is not a known good state") {
  test::TempDir dir;
  auto live = demo_store(dir);
  const auto paths = store::KnownGoodPaths::in(dir.path());
  store::save_known_good(*live, paths);
  test::write_text(paths.db, "SQLite format 3 but not really");
  CHECK(store::open_known_good(paths, dir / "safe-mode.db") == nullptr);
}

#include <doctest/doctest.h>

#include <cerrno>
#include <filesystem>

#include "platform/files.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;

TEST_CASE("an atomic write replaces the whole file and leaves no temp files") {
  test::TempDir dir;
  const auto file = dir / "status.json";
  platform::write_file_atomic(file, "old");
  platform::write_file_atomic(file, "new contents");
  CHECK(platform::read_file(file, 1024) == "new contents");
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) entries += e.is_regular_file();
  CHECK(entries == 1);
}

TEST_CASE("a failed write (disk full) keeps the old file and says so in words") {
  test::TempDir dir;
  const auto file = dir / "data";
  platform::write_file_atomic(file, "the old version");
  platform::inject_write_failure_after(4, ENOSPC);
  try {
    platform::write_file_atomic(file, "a much longer new version");
    FAIL("the write should have failed");
  } catch (const platform::FileError& e) {
    CHECK(e.disk_full());
    CHECK(std::string(e.what()).find("disk full") != std::string::npos);
  }
  platform::clear_injected_write_failure();
  CHECK(platform::read_file(file, 1024) == "the old version");
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) entries += e.is_regular_file();
  CHECK(entries == 1);  // the temp file was removed
}

TEST_CASE("reading refuses files over the size limit before reading them") {
  test::TempDir dir;
  test::write_text(dir / "big", std::string(5000, 'x'));
  CHECK_THROWS_WITH(platform::read_file(dir / "big", 1000), doctest::Contains("more than the limit of 1000"));
  CHECK_THROWS_WITH(platform::read_file(dir / "missing", 1000), doctest::Contains("no such file"));
}

TEST_CASE("errno values become sentences staff can act on") {
  CHECK(platform::describe_errno(ENOSPC) == "disk full (no space left on device)");
  CHECK(platform::describe_errno(EROFS).find("read-only") != std::string::npos);
  CHECK(platform::describe_errno(EACCES).find("permission") != std::string::npos);
  CHECK(platform::describe_errno(EIO).find("SD card") != std::string::npos);
}

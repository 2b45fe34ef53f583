// Several processes opening one data directory at once (the kiosk, its screenshots, kioskctl, two
// kiosks started by mistake): a busy or half-created database is waited for, never taken for a
// broken one, and only a real corruption ever moves a file aside.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <vector>

#include "sync/store/schema.hpp"
#include "sync/store/store.hpp"
#include "tests/store/shipped_v1.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

constexpr int kProcesses = 8;

// Forks kProcesses children that wait on one pipe, so they open `db` at the same moment; each opens
// the store, writes its own state row and exits 0 only when its open found nothing to recover.
// Returns the exit codes.
std::vector<int> race_to_open(const fs::path& db, bool with_baseline) {
  int gate[2];
  REQUIRE(pipe(gate) == 0);
  std::vector<pid_t> children;
  for (int i = 0; i < kProcesses; ++i) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(gate[1]);
      char go = 0;
      if (read(gate[0], &go, 1) < 0) _exit(90);  // EOF when the parent closes: all start together
      int code = 0;
      try {
        store::OpenOptions o;
        o.db_path = db;
        if (with_baseline) o.baseline_dir = test::demo_dir();
        o.now = test::demo_now();
        store::OpenReport report;
        auto st = store::Store::open(o, &report);
        if (report.recovered || report.in_memory) code = 10;
        st->set_state("opened-by-" + std::to_string(i), "yes");
      } catch (const std::exception& e) {
        std::fprintf(stderr, "process %d: %s\n", i, e.what());  // shown with the failing check's output
        code = 20;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  close(gate[0]);
  close(gate[1]);
  std::vector<int> codes;
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    codes.push_back(WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status));
  }
  return codes;
}

// "0 0 10 0 ...": doctest cannot print a vector.
std::string words(const std::vector<int>& codes) {
  std::string out;
  for (int c : codes) out += std::to_string(c) + " ";
  return out;
}

int broken_copies(const fs::path& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir))
    n += e.path().filename().string().find(".broken-") != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("processes creating one fresh database at the same moment all open it and none is moved aside") {
  for (int round = 0; round < 3; ++round) {
    test::TempDir dir;
    const auto codes = race_to_open(dir / "content.db", /*with_baseline=*/true);
    CHECK_MESSAGE(codes == std::vector<int>(kProcesses, 0), words(codes));
    CHECK(broken_copies(dir.path()) == 0);
    store::OpenOptions o;
    o.db_path = dir / "content.db";
    auto st = store::Store::open(o);
    CHECK(st->integrity_check() == "ok");
    CHECK(store::schema_version(st->database()) == store::kSchemaVersion);
    for (int i = 0; i < kProcesses; ++i) CHECK(st->state("opened-by-" + std::to_string(i)) == "yes");
    CHECK(st->snapshot()->content().events.size() > 0);  // the baseline, loaded once, whole
  }
}

TEST_CASE("processes migrating one old database at the same moment migrate it once and keep its content") {
  test::TempDir dir;
  test::write_v1_database(dir / "content.db");
  const auto codes = race_to_open(dir / "content.db", /*with_baseline=*/false);
  CHECK_MESSAGE(codes == std::vector<int>(kProcesses, 0), words(codes));
  CHECK(broken_copies(dir.path()) == 0);
  store::OpenOptions o;
  o.db_path = dir / "content.db";
  auto st = store::Store::open(o);
  CHECK(store::schema_version(st->database()) == store::kSchemaVersion);
  CHECK(st->version().version == 5);
  CHECK(st->search("超算").size() == 1);  // the search index was built once, not once per process
}

TEST_CASE("a database busy beyond the wait is left as it is - never moved aside") {
  test::TempDir dir;
  store::OpenOptions o;
  o.db_path = dir / "content.db";
  o.baseline_dir = test::demo_dir();
  o.now = test::demo_now();
  auto first = store::Store::open(o);
  const auto version = first->version().version;
  // Another process holding the write lock (here: this one) while an old file is to be migrated.
  first->database().exec("PRAGMA user_version = 1");
  first->database().exec("BEGIN EXCLUSIVE");
  store::OpenOptions second = o;
  second.busy_timeout_ms = 200;
  CHECK_THROWS_AS(store::Store::open(second), store::StoreUnavailable);
  first->database().exec("ROLLBACK");
  first->database().exec("PRAGMA user_version = 2");
  CHECK(broken_copies(dir.path()) == 0);
  auto again = store::Store::open(o);
  CHECK(again->version().version == version);
}

TEST_CASE("a reader opens read only - never migrating - recovering or creating") {
  test::TempDir dir;
  store::OpenOptions reader;
  reader.db_path = dir / "content.db";
  reader.read_only = true;
  CHECK_THROWS(store::Store::open(reader));  // no file: nothing is created
  CHECK_FALSE(fs::exists(dir / "content.db"));

  test::write_v1_database(dir / "content.db");
  CHECK_THROWS_WITH_AS(store::Store::open(reader), doctest::Contains("older kiosk"), std::runtime_error);
  {
    auto db = store::Database::open(dir / "content.db", false);
    CHECK(store::schema_version(db) == 1);  // untouched
  }

  store::OpenOptions writer = reader;
  writer.read_only = false;
  auto kiosk = store::Store::open(writer);    // the kiosk upgrades it
  kiosk->database().exec("BEGIN IMMEDIATE");  // and is in the middle of a sync
  auto st = store::Store::open(reader);
  CHECK(st->version().version == 5);
  CHECK_THROWS(st->set_state("x", "y"));  // a reader cannot write
  kiosk->database().exec("COMMIT");
}

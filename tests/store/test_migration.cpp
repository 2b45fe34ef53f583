#include <doctest/doctest.h>

#include "sync/store/schema.hpp"
#include "sync/store/store.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;

TEST_CASE("a version 1 database with content migrates to the latest schema and keeps its rows") {
  test::TempDir dir;
  const auto now = test::demo_now();
  store::OpenOptions v1;
  v1.db_path = dir / "content.db";
  v1.now = now;
  v1.schema_version = 1;  // as shipped before search existed
  {
    auto st = store::Store::open(v1);
    CHECK(store::schema_version(st->database()) == 1);
    CHECK(st->database().scalar_int("SELECT count(*) FROM sqlite_master WHERE name = 'search'") == 0);
    // write rows the way a v1 kiosk did: no search index to fill
    st->database().exec("BEGIN");
    st->database().exec(
        "INSERT INTO spaces VALUES('tjab','',0,'TjAb 众创空间','TjAb','泰达','TEDA','','','','','','',1);"
        "INSERT INTO resources VALUES('res-hpc','',0,'supercomputing','国家超级计算天津中心','NSCC Tianjin',"
        "'','','','','','','','','','','','','',1,'超算 chaosuan','',1);"
        "INSERT INTO meta VALUES('version','5');");
    st->database().exec("COMMIT");
  }
  store::OpenOptions latest = v1;
  latest.schema_version = 0;
  store::OpenReport report;
  auto st = store::Store::open(latest, &report);
  CHECK_FALSE(report.recovered);
  CHECK(store::schema_version(st->database()) == store::kSchemaVersion);
  CHECK(st->version().version == 5);
  // the v2 step built the search index from the rows v1 held
  const auto hits = st->search("超算");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].id == "res-hpc");
  CHECK(st->snapshot()->resource("res-hpc")->name.en == "NSCC Tianjin");
}

TEST_CASE("migrating an up-to-date database does nothing") {
  test::TempDir dir;
  store::OpenOptions o;
  o.db_path = dir / "content.db";
  auto st = store::Store::open(o);
  CHECK_NOTHROW(store::migrate(st->database()));
  CHECK(store::schema_version(st->database()) == store::kSchemaVersion);
}

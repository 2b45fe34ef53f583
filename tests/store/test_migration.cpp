#include <doctest/doctest.h>

#include <algorithm>

#include "sync/store/content_tables.hpp"
#include "sync/store/schema.hpp"
#include "sync/store/store.hpp"
#include "tests/store/shipped_v1.hpp"
#include "tests/support/every_field.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;

TEST_CASE("a version 1 database with content migrates to the latest schema and keeps its rows") {
  test::TempDir dir;
  test::write_v1_database(dir / "content.db");
  store::OpenOptions latest;
  latest.db_path = dir / "content.db";
  latest.now = test::demo_now();
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
  CHECK(store::content_table_changes(st->database()).empty());
}

TEST_CASE("a database from before a field existed gains its column on open and keeps its rows") {
  test::TempDir dir;
  test::write_v1_database(dir / "content.db", "keywords");
  {
    auto db = store::Database::open(dir / "content.db", false);
    const auto changes = store::content_table_changes(db);
    // The removed column, and every field added since version 1 shipped (map links, prices), each
    // one ADD COLUMN with a default the old rows take.
    const auto has = [&](const std::string& sql) {
      return std::find(changes.begin(), changes.end(), sql) != changes.end();
    };
    CHECK(has("ALTER TABLE resources ADD COLUMN keywords TEXT NOT NULL DEFAULT ''"));
    CHECK(has("ALTER TABLE spaces ADD COLUMN map_url TEXT NOT NULL DEFAULT ''"));
    CHECK(has("ALTER TABLE desks ADD COLUMN price_day INTEGER NOT NULL DEFAULT 0"));
    CHECK(has("ALTER TABLE resources ADD COLUMN fee_zh TEXT NOT NULL DEFAULT ''"));
    CHECK(has("ALTER TABLE resources ADD COLUMN voucher_share INTEGER NOT NULL DEFAULT 0"));
    for (const auto& sql : changes) CHECK_MESSAGE(sql.find(" ADD COLUMN ") != std::string::npos, sql);
    CHECK(changes.size() ==
          8);  // keywords, map_url, price_day, price_month, fee_zh, fee_en, voucher_share, member_free
  }
  store::OpenOptions latest;
  latest.db_path = dir / "content.db";
  latest.now = test::demo_now();
  store::OpenReport report;
  auto st = store::Store::open(latest, &report);
  CHECK_FALSE(report.recovered);
  CHECK(store::content_table_changes(st->database()).empty());
  const auto snapshot = st->snapshot();
  const auto* resource = snapshot->resource("res-hpc");
  REQUIRE(resource != nullptr);
  CHECK(resource->name.zh == "国家超级计算天津中心");
  CHECK(resource->keywords.empty());
  // and the next sync's rows, with the new field, fit the table
  content::Content c = test::small_content(test::demo_now());
  c.resources[0].keywords = "chaosuan";
  content::VersionInfo v;
  v.version = 6;
  st->replace_content(c, v);
  CHECK(st->snapshot()->resource(c.resources[0].id)->keywords == "chaosuan");
}

TEST_CASE("a column whose field is gone is dropped on open") {
  test::TempDir dir;
  test::write_v1_database(dir / "content.db");
  {
    auto db = store::Database::open(dir / "content.db", false);
    db.exec("ALTER TABLE spaces ADD COLUMN retired_field TEXT NOT NULL DEFAULT 'x'");
  }
  store::OpenOptions latest;
  latest.db_path = dir / "content.db";
  auto st = store::Store::open(latest);
  CHECK(st->database().scalar_int(
            "SELECT count(*) FROM pragma_table_info('spaces') WHERE name = 'retired_field'") == 0);
  CHECK(st->snapshot()->space("tjab")->name.en == "TjAb");
}

TEST_CASE("every field of every collection is stored and read back") {
  test::TempDir dir;
  store::OpenOptions o;
  o.db_path = dir / "content.db";
  auto st = store::Store::open(o);
  const content::Content c = test::content_with_every_field();
  {
    store::Transaction tx(st->database());
    store::insert_items(st->database(), c, "page-1");
    store::write_meta(st->database(), c.meta);
    tx.commit();
  }
  const content::Content back = store::read_content(st->database());
  CHECK(back.meta == c.meta);
  CHECK(back.spaces == c.spaces);
  CHECK(back.events == c.events);
  CHECK(back.desks == c.desks);
  CHECK(back.resources == c.resources);
  CHECK(back.indicators == c.indicators);
  CHECK(back.notices == c.notices);
}

TEST_CASE("migrating an up-to-date database does nothing") {
  test::TempDir dir;
  store::OpenOptions o;
  o.db_path = dir / "content.db";
  auto st = store::Store::open(o);
  CHECK_NOTHROW(store::migrate(st->database()));
  CHECK(store::schema_version(st->database()) == store::kSchemaVersion);
}

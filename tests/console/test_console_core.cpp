// The console's core without HTTP: import/export, publishing, restore, re-signing, passwords.
#include <doctest/doctest.h>

#include <ctime>

#include "console/core/accounts.hpp"
#include "console/core/content_dir.hpp"
#include "console/core/items.hpp"
#include "console/core/publisher.hpp"
#include "console/core/secrets.hpp"
#include "sync/content/source_dir.hpp"
#include "sync/feed/keys.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
using namespace kiosk::console;

namespace {

content::UnixSeconds wall_now() {
  return static_cast<content::UnixSeconds>(std::time(nullptr));
}

std::string tree_text(const std::filesystem::path& dir) {
  std::string all;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files)
    all += std::filesystem::relative(f, dir).string() + "\n" + test::read_text(f) + "\n";
  return all;
}

struct Core {
  test::TempDir tmp;
  std::unique_ptr<ConsoleDb> db = ConsoleDb::create(tmp / "data");
  ItemStore items{*db};
  Principal admin = system_principal("test");
  Core() { feed::generate_keys(tmp / "keys", wall_now()); }
  std::unique_ptr<Publisher> publisher() {
    PublisherConfig c;
    c.feed_dir = tmp / "feed";
    c.keys_dir = tmp / "keys";
    return std::make_unique<Publisher>(*db, items, c, wall_now);
  }
};

}  // namespace

TEST_CASE("import then export gives the same bytes every time and kioskctl's rules accept it") {
  Core core;
  REQUIRE(import_content_dir(*core.db, core.items, test::demo_dir(), core.admin, wall_now()).empty());
  write_content_dir(core.items.draft(), core.db->image_dir(), core.tmp / "first");
  content::Issues issues;
  const auto loaded = content::load_source_dir(core.tmp / "first", issues);
  CHECK_MESSAGE(!issues.has_errors(), issues.summary());
  CHECK(loaded.content.events.size() == 49);
  CHECK(loaded.content.images.size() == 12);

  Core again;
  REQUIRE(import_content_dir(*again.db, again.items, core.tmp / "first", again.admin, wall_now()).empty());
  write_content_dir(again.items.draft(), again.db->image_dir(), again.tmp / "second");
  CHECK(tree_text(core.tmp / "first") == tree_text(again.tmp / "second"));
}

TEST_CASE("a broken content directory imports nothing and says why") {
  Core core;
  test::copy_tree(test::demo_dir(), core.tmp / "broken");
  test::write_text(core.tmp / "broken" / "events.json", "{\"events\": [ {\"id\": \"x\"} ]}");
  const auto problems = import_content_dir(*core.db, core.items, core.tmp / "broken", core.admin, wall_now());
  CHECK(!problems.empty());
  CHECK(problems.front().find("events.json") != std::string::npos);
  CHECK(core.items.count(content::Collection::events) == 0);
}

TEST_CASE("re-signing keeps the version and restore publishes old content as a higher version") {
  Core core;
  core.items.replace_all(core.admin, test::small_content(wall_now()), "import", wall_now());
  auto pub = core.publisher();
  const auto v1 = pub->publish_draft(core.admin, "first");
  REQUIRE_MESSAGE(v1.ok, v1.error);
  CHECK(v1.version == 1);
  const auto resigned = pub->resign();
  CHECK(resigned.ok);
  CHECK(!resigned.new_version);
  CHECK(resigned.version == 1);

  auto event = core.items.list(content::Collection::events).front();
  auto body = event.json();
  body["title"]["zh"] = "第二版标题";
  REQUIRE(core.items.put(core.admin, content::Collection::events, event.id, body, event.revision, wall_now())
              .outcome == ChangeResult::Outcome::saved);
  const auto diff = pub->changes_since_last();
  REQUIRE(diff.size() == 1);
  CHECK(diff.front().kind == DiffEntry::Kind::changed);
  CHECK(diff.front().title == "第二版标题");
  CHECK(pub->publish_draft(core.admin, "second").version == 2);

  const auto restored = pub->restore(core.admin, 1);
  REQUIRE_MESSAGE(restored.ok, restored.error);
  CHECK(restored.version == 3);
  CHECK(core.items.get(content::Collection::events, event.id)->json()["title"]["zh"] != "第二版标题");
  CHECK(pub->history(10).front().reason == "restore of version 1");
  CHECK(pub->changes_since_last().empty());
}

TEST_CASE("a desk status change reaches the feed through the background batch") {
  Core core;
  core.items.replace_all(core.admin, test::small_content(wall_now()), "import", wall_now());
  PublisherConfig c;
  c.feed_dir = core.tmp / "feed";
  c.keys_dir = core.tmp / "keys";
  c.batch_window_s = 0.2;
  Publisher pub(*core.db, core.items, c, wall_now);
  REQUIRE(pub.publish_draft(core.admin, "first").ok);
  core.items.on_immediate_change([&] { pub.notify_immediate(); });
  pub.start();
  const auto desk = core.items.list(content::Collection::desks).front();
  REQUIRE(core.items.set_desk_status(core.admin, desk.id, "occupied", std::nullopt, wall_now()).ok());
  for (int i = 0; i < 400 && pub.latest()->version < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  REQUIRE(pub.latest()->version == 2);
  CHECK(pub.latest()->by == "console:immediate");
}

TEST_CASE("passwords are Argon2id and secrets are stored hashed") {
  const std::string hash = hash_password("correct horse");
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(verify_password("correct horse", hash));
  CHECK(!verify_password("correct horsf", hash));
  CHECK(hash != hash_password("correct horse"));  // salted
  CHECK(random_hex(32).size() == 64);
  CHECK(random_hex(32) != random_hex(32));
  CHECK(secret_hash("a") != "a");
}

TEST_CASE("the publish diff leaves out what travels by itself: desk status and urgent notices") {
  Core core;
  core.items.replace_all(core.admin, test::small_content(wall_now()), "import", wall_now());
  auto pub = core.publisher();
  REQUIRE(pub->publish_draft(core.admin, "first").ok);
  const auto desk = core.items.list(content::Collection::desks).front();
  REQUIRE(core.items.set_desk_status(core.admin, desk.id, "out_of_service", std::nullopt, wall_now()).ok());
  CHECK(pub->changes_since_last().empty());
  auto body = core.items.get(content::Collection::desks, desk.id)->json();
  body["label"] = "Z-99";
  REQUIRE(
      core.items.put(core.admin, content::Collection::desks, desk.id, body, std::nullopt, wall_now()).ok());
  const auto diff = pub->changes_since_last();
  REQUIRE(diff.size() == 1);
  CHECK(diff.front().id == desk.id);
  CHECK(diff.front().kind == DiffEntry::Kind::changed);
  // A desk batch is a new version with only desks.json and notices.json changed.
  const auto batch = pub->publish_immediate();
  REQUIRE_MESSAGE(batch.ok, batch.error);
  CHECK(batch.version == 2);
  CHECK(pub->history(1).front().reason == "desk status and urgent notices");
  CHECK(!pub->history(1).front().restorable);
}

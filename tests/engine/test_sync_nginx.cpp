// End to end against a real nginx on 127.0.0.1 with HTTPS: publish -> sync -> query; an edit
// re-publishes one page and the kiosk fetches only that page.
#include <doctest/doctest.h>

#include <regex>

#include "tests/engine/feed_fixture.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/nginx_server.hpp"

using namespace kiosk;

TEST_CASE("publish the demo - sync it over HTTPS from nginx - query it") {
  test::FeedFixture fx;
  test::NginxServer nginx(fx.feed, test::test_tls(), fx.dir / "nginx");
  auto store = fx.open_store();
  CHECK(store->version().origin == "baseline");
  auto engine = fx.engine(*store, nginx.url());
  const auto out = engine->sync_once();
  REQUIRE_MESSAGE(!out.failure, engine->status().last_error);
  CHECK(out.applied);
  CHECK(out.version == 1);
  const auto v = store->version();
  CHECK(v.origin == "feed");
  CHECK(v.version == 1);
  const auto snap = store->snapshot();
  CHECK(snap->content().events.size() == 49);
  CHECK(snap->content().resources.size() == 63);
  CHECK(snap->index().composite.has_value());
  for (const auto& image : snap->content().images) CHECK(store->blobs().verify(image.sha256));
  CHECK(store->search("超算").size() >= 3);
  CHECK(engine->status().state == "updated");
  CHECK(engine->status().last_error.empty());
  CHECK(store->integrity_check() == "ok");
}

TEST_CASE("a poll when nothing changed is one request of at most 2 KB") {
  test::FeedFixture fx;
  test::NginxServer nginx(fx.feed, test::test_tls(), fx.dir / "nginx");
  auto store = fx.open_store();
  auto engine = fx.engine(*store, nginx.url());
  REQUIRE(engine->sync_once().applied);
  const auto before = engine->http_stats();
  const auto out = engine->sync_once();
  CHECK(out.up_to_date);
  const auto after = engine->http_stats();
  CHECK(after.requests - before.requests == 1);
  const auto bytes = (after.body_bytes + after.header_bytes) - (before.body_bytes + before.header_bytes);
  MESSAGE("unchanged poll: " << bytes << " bytes of HTTP (request and response headers, body)");
  CHECK(bytes <= 2048);
  CHECK(nginx.count_in_log("\"GET /timestamp.json HTTP/1.1\" 304", 1) == 1);
}

TEST_CASE("editing one event re-publishes one page and the kiosk fetches only that page") {
  test::FeedFixture fx;
  test::NginxServer nginx(fx.feed, test::test_tls(), fx.dir / "nginx");
  auto store = fx.open_store();
  auto engine = fx.engine(*store, nginx.url());
  REQUIRE(engine->sync_once().applied);
  const int objects_before =
      nginx.count_in_log("GET /objects/", static_cast<int>(fx.current_manifest().objects().size()));

  fx.edit_event_title("evt-contest-briefing", "泰达创业大赛总决赛（改期公告）");
  fx.now += 600;
  const auto published = fx.publish();
  REQUIRE(published.new_version);
  CHECK(published.version == 2);
  CHECK(published.objects_written == 1);  // one page

  const auto out = engine->sync_once();
  REQUIRE_MESSAGE(!out.failure, engine->status().last_error);
  CHECK(out.applied);
  CHECK(out.objects_fetched == 1);
  CHECK(nginx.count_in_log("GET /objects/", objects_before + 1) - objects_before == 1);
  const auto snap = store->snapshot();
  const auto* e = snap->event("evt-contest-briefing");
  REQUIRE(e != nullptr);
  CHECK(e->title.zh == "泰达创业大赛总决赛（改期公告）");
  CHECK(store->version().version == 2);
  // Blobs of the old page are gone; the new version's are all there.
  std::size_t blobs = 0;
  for ([[maybe_unused]] const auto& f : std::filesystem::directory_iterator(store->blobs().dir())) ++blobs;
  CHECK(blobs == fx.current_manifest().objects().size());
}

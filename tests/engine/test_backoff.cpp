#include <doctest/doctest.h>

#include "sync/engine/backoff.hpp"
#include "sync/engine/engine.hpp"
#include "sync/engine/sync_status.hpp"

using namespace kiosk::sync;

TEST_CASE("after a success the next attempt is one poll interval away") {
  BackoffPolicy p;
  p.poll_interval_s = 300;
  CHECK(next_delay(p, 0, -1, 0.7) == 300);
}

TEST_CASE("failures back off exponentially with jitter up to the cap and never spin") {
  BackoffPolicy p;
  p.first_retry_s = 5;
  p.max_retry_s = 900;
  CHECK(next_delay(p, 1, -1, 0.0) == doctest::Approx(2.5));
  CHECK(next_delay(p, 1, -1, 0.999) == doctest::Approx(5.0).epsilon(0.01));
  CHECK(next_delay(p, 3, -1, 0.0) == doctest::Approx(10));    // 20 s ceiling, half fixed
  CHECK(next_delay(p, 20, -1, 0.5) == doctest::Approx(675));  // capped at 900 before jitter
  for (int f = 1; f < 100; ++f) CHECK(next_delay(p, f, -1, 0.0) >= 2.5);
}

TEST_CASE("Retry-After is honoured but bounded to an hour") {
  BackoffPolicy p;
  CHECK(next_delay(p, 1, 120, 0.1) == 120);
  CHECK(next_delay(p, 1, 7200, 0.1) == 3600);
}

TEST_CASE("the status survives a round trip through its JSON") {
  SyncStatus s;
  s.state = "error";
  s.configured = true;
  s.offline_since = 1796000000;
  s.last_attempt = 1796000100;
  s.last_error = "the content server has a problem (HTTP 503 for timestamp.json)";
  s.last_error_code = "http";
  s.current_version = 7;
  s.failures = 3;
  const SyncStatus back = SyncStatus::from_json(s.to_json());
  CHECK(back.state == "error");
  CHECK(back.offline_since == s.offline_since);
  CHECK(back.last_error == s.last_error);
  CHECK(back.current_version == 7);
  CHECK(back.failures == 3);
  CHECK(back.describe().find("HTTP 503") != std::string::npos);
  CHECK(SyncStatus::from_json("garbage").state == "idle");
  CHECK(SyncStatus::from_json(R"({"state": "error", "failures": "three"})").state ==
        "idle");  // a wrong type: fresh
}

TEST_CASE("a sync setting of the wrong type is named - not a library message") {
  const std::string keys =
      R"("server": "https://feed.example.cn", "root_public_keys": ["11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="])";
  CHECK_NOTHROW(kiosk::sync::parse_sync_config("{" + keys + R"(, "poll_interval_s": 300})"));
  CHECK_THROWS_WITH(kiosk::sync::parse_sync_config("{" + keys + R"(, "poll_interval_s": "often"})"),
                    doctest::Contains("sync.poll_interval_s has the wrong type"));
  CHECK_THROWS_WITH(kiosk::sync::parse_sync_config("{" + keys + R"(, "ca_file": 5})"),
                    doctest::Contains("sync.ca_file has the wrong type (text expected)"));
}

// The console over real HTTP, as browsers and integrations use it: sessions and cookies, CSRF and
// origin checks, the roles matrix, escaping, conflicts, limits, the JSON API and its errors.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "sync/store/sqlite.hpp"
#include "tests/console/console_fixture.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/fixtures.hpp"

using namespace kiosk;
using nlohmann::json;
using test::Part;

namespace {

json event_json(const test::ConsoleFixture& fx, const std::string& id) {
  const auto r = fx.api("GET", "/api/v1/events/" + id, fx.token("editor"));
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

std::vector<Part> form_of(const json& event) {
  std::vector<Part> parts;
  for (const auto& [k, v] : event.items()) {
    if (v.is_object()) {
      for (const auto& [lang, text] : v.items())
        parts.push_back({"f." + k + "." + lang, text.get<std::string>(), "", ""});
    } else if (v.is_string() && (k == "start" || k == "end")) {
      const auto t = content::parse_iso8601(v.get<std::string>());
      parts.push_back({"f." + k, content::format_iso8601(*t).substr(0, 16), "", ""});
    } else if (v.is_string()) {
      parts.push_back({"f." + k, v.get<std::string>(), "", ""});
    } else if (v.is_boolean()) {
      if (v.get<bool>()) parts.push_back({"f." + k, "on", "", ""});
    } else if (v.is_number()) {
      parts.push_back({"f." + k, v.dump(), "", ""});
    }
  }
  return parts;
}

}  // namespace

TEST_CASE("login sets an HttpOnly SameSite=Lax Secure session cookie with a new id each time") {
  test::ConsoleFixture fx({true, true, {}});
  auto first =
      test::http({"POST",
                  fx.url("/login"),
                  {"Origin: " + fx.url()},
                  "",
                  std::vector<Part>{{"name", "editor", "", ""}, {"password", test::kPassword, "", ""}}});
  CHECK(first.status == 303);
  const std::string cookie = first.header("set-cookie");
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Lax") != std::string::npos);
  CHECK(cookie.find("Secure") != std::string::npos);
  auto second =
      test::http({"POST",
                  fx.url("/login"),
                  {"Origin: " + fx.url()},
                  "",
                  std::vector<Part>{{"name", "editor", "", ""}, {"password", test::kPassword, "", ""}}});
  CHECK(second.header("set-cookie").substr(0, 75) != cookie.substr(0, 75));
}

TEST_CASE("wrong passwords are refused in words and then delayed with 429") {
  test::ConsoleFixture fx;
  int last = 0;
  for (int i = 0; i < 5; ++i) {
    auto r = test::http({"POST",
                         fx.url("/login"),
                         {},
                         "",
                         std::vector<Part>{{"name", "editor", "", ""}, {"password", "nope-nope", "", ""}}});
    last = static_cast<int>(r.status);
    if (i == 0) {
      CHECK(r.status == 401);
      CHECK(r.body.find("用户名或密码不正确") != std::string::npos);
    }
  }
  CHECK(last == 429);
  // The right password waits too while the delay runs: the account is throttled, not the guess.
  auto r = test::http({"POST",
                       fx.url("/login"),
                       {},
                       "",
                       std::vector<Part>{{"name", "editor", "", ""}, {"password", test::kPassword, "", ""}}});
  CHECK(r.status == 429);
  CHECK(!r.header("retry-after").empty());
  // Another account is not affected.
  CHECK_NOTHROW(fx.login("publisher"));
}

TEST_CASE("pages need a session and log out ends it") {
  test::ConsoleFixture fx;
  CHECK(test::http({"GET", fx.url("/"), {}, "", std::nullopt}).status == 302);
  auto b = fx.login("viewer");
  auto home = b.get("/");
  CHECK(home.status == 200);
  CHECK(home.header("content-security-policy").find("default-src 'none'") != std::string::npos);
  CHECK(home.header("x-content-type-options") == "nosniff");
  CHECK(b.post("/logout", {}).status == 303);
  CHECK(b.get("/").status == 302);
}

TEST_CASE("a state change without the CSRF token or from another origin is refused") {
  test::ConsoleFixture fx;
  auto b = fx.login("publisher");
  const auto before = fx.feed_version();
  CHECK(b.post("/publish", {{"reason", "no token", "", ""}}, false).status == 403);
  CHECK(b.post("/publish", {{"reason", "cross-site", "", ""}}, true, "https://evil.example").status == 403);
  CHECK(fx.feed_version() == before);
  // A GET never changes anything: publishing by GET is not even a route.
  CHECK(b.get("/publish?go=1").status == 200);
  CHECK(fx.feed_version() == before);
  CHECK(b.post("/publish", {{"reason", "test", "", ""}}).status == 303);
  CHECK(fx.feed_version() > before);
}

TEST_CASE("every role and space limit is enforced on the pages") {
  test::ConsoleFixture fx;
  struct Row {
    std::string user;
    int edit_own_space, edit_other_space, edit_zone_wide, publish, settings;
  };
  // Item in space "tjab" (allowed for space-editor), one in "jinjing-cafe", and a zone-wide resource.
  const std::vector<Row> matrix = {
      {"viewer", 403, 403, 403, 403, 403},       {"editor", 303, 303, 303, 403, 403},
      {"space-editor", 303, 403, 403, 403, 403}, {"publisher", 303, 303, 303, 303, 403},
      {"admin", 303, 303, 303, 303, 303},
  };
  const auto own = event_json(fx, "evt-jjj-biomed-salon");
  const auto other = event_json(fx, "evt-voucher-policy-talk");
  const auto resource =
      json::parse(fx.api("GET", "/api/v1/resources", fx.token("editor")).body)["resources"][0];
  for (const auto& row : matrix) {
    CAPTURE(row.user);
    auto b = fx.login(row.user);
    auto save = [&](const std::string& path, const std::string& collection, const std::string& id) {
      auto page = b.get(path);
      const json current =
          json::parse(fx.api("GET", "/api/v1/" + collection + "/" + id, fx.token("editor")).body);
      auto parts = form_of(current);
      parts.push_back(
          {"_revision",
           fx.api("GET", "/api/v1/" + collection + "/" + id, fx.token("editor")).header("etag").substr(1, 1),
           "", ""});
      // The revision from the page's hidden field, not a guess.
      const auto pos = page.body.find("name=\"_revision\" value=\"");
      if (pos != std::string::npos)
        parts.back().value = page.body.substr(pos + 24, page.body.find('"', pos + 24) - pos - 24);
      return static_cast<int>(b.post(path, parts).status);
    };
    CHECK(save("/c/events/" + own["id"].get<std::string>(), "events", own["id"]) == row.edit_own_space);
    CHECK(save("/c/events/" + other["id"].get<std::string>(), "events", other["id"]) == row.edit_other_space);
    CHECK(save("/c/resources/" + resource["id"].get<std::string>(), "resources", resource["id"]) ==
          row.edit_zone_wide);
    CHECK(static_cast<int>(b.post("/publish", {}).status) == row.publish);
    CHECK(
        static_cast<int>(
            b.post("/settings/approval", {{"space", "tjab", "", ""}, {"approval", "off", "", ""}}).status) ==
        row.settings);
  }
}

TEST_CASE("content is HTML-escaped: a title of <script> shows as text") {
  test::ConsoleFixture fx;
  json e = event_json(fx, "evt-jjj-biomed-salon");
  e["title"]["zh"] = "<script>alert(1)</script> & \"引号\"";
  REQUIRE(fx.api("PUT", "/api/v1/events/evt-jjj-biomed-salon", fx.token("editor"), e.dump()).status == 200);
  auto b = fx.login("viewer");
  for (const std::string path : {"/c/events", "/c/events/evt-jjj-biomed-salon", "/publish"}) {
    const auto page = b.get(path).body;
    CAPTURE(path);
    CHECK(page.find("<script>alert(1)") == std::string::npos);
    CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引号&quot;") != std::string::npos);
  }
}

TEST_CASE("two people edit one item: the second save gets a conflict naming the first") {
  test::ConsoleFixture fx;
  auto alice = fx.login("editor");
  auto bob = fx.login("publisher");
  const std::string path = "/c/events/evt-eagle-camp-1";
  const auto page_a = alice.get(path).body;
  const auto page_b = bob.get(path).body;
  auto revision_of = [](const std::string& page) {
    const auto pos = page.find("name=\"_revision\" value=\"");
    return page.substr(pos + 24, page.find('"', pos + 24) - pos - 24);
  };
  json e = event_json(fx, "evt-eagle-camp-1");
  auto parts = form_of(e);
  auto parts_a = parts;
  parts_a.push_back({"_revision", revision_of(page_a), "", ""});
  for (auto& p : parts_a)
    if (p.name == "f.title.zh") p.value = "Alice 的标题";
  CHECK(alice.post(path, parts_a).status == 303);
  auto parts_b = parts;
  parts_b.push_back({"_revision", revision_of(page_b), "", ""});
  for (auto& p : parts_b)
    if (p.name == "f.title.zh") p.value = "Bob 的标题";
  const auto r = bob.post(path, parts_b);
  CHECK(r.status == 409);
  CHECK(r.body.find("editor") != std::string::npos);  // changed by whom
  CHECK(r.body.find("保存冲突") != std::string::npos);
  CHECK(event_json(fx, "evt-eagle-camp-1")["title"]["zh"] == "Alice 的标题");
  // The API the same way, with If-Match.
  const auto stale =
      fx.api("PUT", "/api/v1/events/evt-eagle-camp-1", fx.token("editor"), e.dump(), {"If-Match: \"1\""});
  CHECK(stale.status == 409);
  CHECK(json::parse(stale.body)["error"] == "conflict");
}

TEST_CASE("per-field errors come from the same rules as kioskctl check") {
  test::ConsoleFixture fx;
  auto b = fx.login("editor");
  json e = event_json(fx, "evt-eagle-camp-1");
  auto parts = form_of(e);
  for (auto& p : parts)
    if (p.name == "f.end") p.value = "2020-01-01T10:00";
  parts.push_back({"_revision", "1", "", ""});
  const auto r = b.post("/c/events/evt-eagle-camp-1", parts);
  CHECK(r.status == 400);
  CHECK(r.body.find("ends before it starts") != std::string::npos);
  CHECK(r.body.find("field has-error\" id=\"field-end\"") != std::string::npos);
}

TEST_CASE("JSON API: list and get with ETag and create and delete with every error in its shape") {
  test::ConsoleFixture fx;
  const std::string tok = fx.token("editor");
  CHECK(fx.api("GET", "/api/v1/events", "").status == 401);
  CHECK(fx.api("GET", "/api/v1/events", "kc_wrong").status == 401);
  const auto list = fx.api("GET", "/api/v1/events", tok);
  CHECK(list.status == 200);
  CHECK(json::parse(list.body)["events"].size() == 49);
  CHECK(fx.api("GET", "/api/v1/gadgets", tok).status == 404);
  CHECK(fx.api("GET", "/api/v1/events/nope", tok).status == 404);
  const auto bad_id = fx.api("PUT", "/api/v1/events/..%2F..%2Fetc", tok, "{}");
  CHECK((bad_id.status == 400 || bad_id.status == 404));
  const auto malformed = fx.api("PUT", "/api/v1/events/evt-new", tok, "{\"id\": ");
  CHECK(malformed.status == 400);
  CHECK(json::parse(malformed.body)["error"] == "bad_json");
  json e = event_json(fx, "evt-eagle-camp-1");
  e["id"] = "evt-new";
  e["capacity"] = "lots";
  const auto wrong_type = fx.api("PUT", "/api/v1/events/evt-new", tok, e.dump());
  CHECK(wrong_type.status == 400);
  CHECK(json::parse(wrong_type.body)["field"] == "capacity");
  e["capacity"] = 30;
  const auto created = fx.api("PUT", "/api/v1/events/evt-new", tok, e.dump(), {"If-Match: \"0\""});
  CHECK(created.status == 201);
  CHECK(created.header("etag") == "\"1\"");
  CHECK(fx.api("PUT", "/api/v1/events/evt-new", tok, e.dump(), {"If-Match: \"0\""}).status == 409);
  CHECK(fx.api("DELETE", "/api/v1/events/evt-new", tok).status == 200);
  CHECK(fx.api("GET", "/api/v1/events/evt-new", tok).status == 404);
  const std::string big(2 * 1024 * 1024, ' ');
  CHECK(fx.api("PUT", "/api/v1/events/evt-big", tok, "{\"id\": \"evt-big\"" + big + "}").status == 413);
  // A space-limited token may not touch another space.
  json other = event_json(fx, "evt-voucher-policy-talk");
  const auto forbidden =
      fx.api("PUT", "/api/v1/events/evt-voucher-policy-talk", fx.token("space-editor"), other.dump());
  CHECK(forbidden.status == 403);
  CHECK(json::parse(forbidden.body)["error"] == "forbidden");
  // Editors may not publish; publishers get the new version.
  CHECK(fx.api("POST", "/api/v1/publish", tok).status == 403);
  const auto published = fx.api("POST", "/api/v1/publish", fx.token("publisher"));
  CHECK(published.status == 200);
  CHECK(json::parse(published.body)["version"].get<long>() == fx.feed_version());
  const auto history = json::parse(fx.api("GET", "/api/v1/publications", tok).body);
  CHECK(history["publications"][0]["version"].get<long>() == fx.feed_version());
}

TEST_CASE("a 10 MB form and an image that lies about its size are refused with clear errors") {
  test::ConsoleFixture fx;
  auto b = fx.login("editor");
  const auto huge =
      b.post("/images", {{"image", std::string(10 * 1024 * 1024, 'x'), "big.png", "image/png"}});
  CHECK(huge.status == 413);
  // A PNG header claiming 100x100 followed by garbage instead of image data.
  std::string liar("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x64\0\0\0\x64\x08\x06\0\0\0", 29);
  liar += std::string(64, 'z');
  const auto r = b.post("/images", {{"image", liar, "liar.png", "image/png"}});
  CHECK(r.status == 400);
  CHECK(r.body.find("liar.png") != std::string::npos);
  CHECK(b.get("/images").body.find("liar.png") == std::string::npos);
  // A real image is accepted and offered as a poster.
  const auto real =
      b.post("/images", {{"image", test::read_text(test::demo_dir() / "images" / "poster-kunpeng.png"),
                          "New Poster.png", "image/png"}});
  CHECK(real.status == 303);
  CHECK(b.get("/c/events/evt-eagle-camp-1").body.find("new-poster.png") != std::string::npos);
}

TEST_CASE("API tokens are rate limited with 429 and Retry-After") {
  test::ConsoleFixture fx({true, false, {"--api-rate", "0.5", "--api-burst", "3"}});
  int refused = 0;
  std::string retry;
  for (int i = 0; i < 12; ++i) {
    auto r = fx.api("GET", "/api/v1/spaces", fx.token("editor"));
    if (r.status == 429) {
      ++refused;
      retry = r.header("retry-after");
      CHECK(json::parse(r.body)["error"] == "rate_limited");
    }
  }
  CHECK(refused >= 5);
  CHECK(!retry.empty());
}

TEST_CASE("four eyes: an editor's change waits and nobody approves their own") {
  test::ConsoleFixture fx;
  auto admin = fx.login("admin");
  REQUIRE(admin.post("/settings/approval", {{"space", "tjab", "", ""}, {"approval", "four_eyes", "", ""}})
              .status == 303);
  json e = event_json(fx, "evt-jjj-biomed-salon");
  e["title"]["zh"] = "待审批的新标题";
  const auto proposed = fx.api("PUT", "/api/v1/events/evt-jjj-biomed-salon", fx.token("editor"), e.dump());
  CHECK(proposed.status == 202);
  const auto pending_id = std::to_string(json::parse(proposed.body)["pending"].get<long>());
  CHECK(event_json(fx, "evt-jjj-biomed-salon")["title"]["zh"] != "待审批的新标题");
  // A publisher's own change in that space waits too, and they cannot approve it.
  auto pub = fx.login("publisher");
  auto editor = fx.login("editor");
  CHECK(editor.post("/approvals/" + pending_id + "/approve", {}).status == 403);
  CHECK(pub.get("/publish").body.find("待审批的新标题") != std::string::npos);
  CHECK(pub.post("/approvals/" + pending_id + "/approve", {}).status == 303);
  CHECK(event_json(fx, "evt-jjj-biomed-salon")["title"]["zh"] == "待审批的新标题");
  // Desk status never waits, even in a four-eyes space.
  const auto desk =
      fx.api("PUT", "/api/v1/desks/tjab-f-01/status", fx.token("editor"), R"({"status": "occupied"})");
  CHECK(desk.status == 200);
}

TEST_CASE("audit verify names the first row someone edited by hand") {
  test::ConsoleFixture fx;
  json e = event_json(fx, "evt-eagle-camp-1");
  e["title"]["en"] = "Edited for the audit";
  REQUIRE(fx.api("PUT", "/api/v1/events/evt-eagle-camp-1", fx.token("editor"), e.dump()).status == 200);
  auto verify = [&] {
    auto argv = test::our_program("console/kiosk-console");
    argv.insert(argv.end(), {"audit", "verify", "--data-dir", fx.data().string()});
    test::ChildProcess p(argv, {}, fx.dir() / "verify.log");
    const auto rc = p.wait(120);
    return std::make_pair(rc.value_or(-1), p.log());
  };
  auto [ok_rc, ok_log] = verify();
  CHECK(ok_rc == 0);
  CHECK(ok_log.find("audit chain intact") != std::string::npos);
  {
    auto db = store::Database::open(fx.data() / "console.db", false);
    db.exec(
        "UPDATE audit SET after = replace(after, 'Edited for the audit', 'Nothing to see') WHERE action = "
        "'update'");
  }
  auto [bad_rc, bad_log] = verify();
  CHECK(bad_rc == 1);
  CHECK(bad_log.find("audit chain broken at row") != std::string::npos);
  CHECK(bad_log.find("was changed after it was written") != std::string::npos);
}

TEST_CASE("a session ends when idle and after its maximum age even when active and is stored only hashed") {
  {
    test::ConsoleFixture fx({true, false, {"--session-idle-minutes", "0.05"}});  // 3 s
    auto b = fx.login("viewer");
    CHECK(b.get("/").status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(4500));
    CHECK(b.get("/").status == 302);
  }
  test::ConsoleFixture fx({true, false, {"--session-max-hours", "0.002"}});  // 7.2 s
  auto b = fx.login("viewer");
  const std::string id = b.cookie.substr(b.cookie.find('=') + 1);
  {
    auto db = store::Database::open(fx.data() / "console.db", false);
    CHECK(db.scalar_int("SELECT count(*) FROM sessions WHERE id_hash = '" + id + "'") == 0);
    CHECK(db.scalar_int("SELECT count(*) FROM sessions") == 1);
  }
  for (int i = 0; i < 5; ++i) {  // active all along
    CHECK(b.get("/").status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(5500));
  CHECK(b.get("/").status == 302);
}

TEST_CASE(
    "the remaining pages work end to end: urgent notice and its end - a whole zone - delete - reject - "
    "restore") {
  test::ConsoleFixture fx;
  auto pub = fx.login("publisher");
  REQUIRE(pub.post("/publish", {}).status == 303);
  long version = fx.feed_version();
  auto wait_for_new_version = [&] {
    for (int i = 0; i < 2400 && fx.feed_version() == version; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    const bool moved = fx.feed_version() > version;
    version = fx.feed_version();
    return moved;
  };
  // An urgent notice from an editor goes out by itself; "end now" too.
  auto editor = fx.login("editor");
  REQUIRE(editor
              .post("/urgent",
                    {{"f.title.zh", "紧急：三层漏水，请绕行", "", ""},
                     {"f.title.en", "Urgent: water leak on 3F", "", ""},
                     {"f.ends", content::format_iso8601(std::time(nullptr) + 3600).substr(0, 16), "", ""}})
              .status == 303);
  CHECK(wait_for_new_version());
  const auto urgent_page = editor.get("/urgent").body;
  CHECK(urgent_page.find("紧急：三层漏水，请绕行") != std::string::npos);
  const auto at = urgent_page.find("action=\"/urgent/");
  REQUIRE(at != std::string::npos);
  const std::string end_path = urgent_page.substr(at + 8, urgent_page.find('"', at + 8) - at - 8);
  CHECK(editor.post(end_path, {}).status == 303);
  CHECK(wait_for_new_version());
  // A whole zone at once.
  REQUIRE(editor
              .post("/desks/_zone",
                    {{"space", "tjab", "", ""}, {"zone", "三层 B 区", "", ""}, {"status", "booked", "", ""}})
              .status == 303);
  CHECK(wait_for_new_version());
  const auto desks = json::parse(fx.api("GET", "/api/v1/desks", fx.token("editor")).body)["desks"];
  int booked = 0, in_zone = 0;
  for (const auto& d : desks) {
    if (d["space"] == "tjab" && d["zone"]["zh"] == "三层 B 区") ++in_zone, booked += d["status"] == "booked";
  }
  CHECK(in_zone > 0);
  CHECK(booked == in_zone);
  // Delete from the form, then restore the published version from the publish page.
  const auto form = editor.get("/c/events/evt-patent-basics-talk").body;
  const auto rev_at = form.find("name=\"_revision\" value=\"");
  const std::string revision = form.substr(rev_at + 24, form.find('"', rev_at + 24) - rev_at - 24);
  CHECK(editor.post("/c/events/evt-patent-basics-talk/delete", {{"_revision", revision, "", ""}}).status ==
        303);
  CHECK(fx.api("GET", "/api/v1/events/evt-patent-basics-talk", fx.token("editor")).status == 404);
  const long full =
      json::parse(fx.api("GET", "/api/v1/publications", fx.token("editor")).body)["publications"]
          .back()["version"];
  CHECK(pub.post("/publish/restore/" + std::to_string(full), {}).status == 303);
  CHECK(fx.api("GET", "/api/v1/events/evt-patent-basics-talk", fx.token("editor")).status == 200);
  CHECK(fx.feed_version() > version);
  // Four eyes: a rejected change never reaches the draft.
  auto admin = fx.login("admin");
  REQUIRE(
      admin.post("/settings/approval", {{"space", "", "", ""}, {"approval", "four_eyes", "", ""}}).status ==
      303);
  CHECK(admin.get("/settings").body.find("selected>双人审批") != std::string::npos);
  json resource = json::parse(fx.api("GET", "/api/v1/resources", fx.token("editor")).body)["resources"][0];
  const std::string rid = resource["id"];
  resource["name"]["zh"] = "不会被批准的名称";
  const auto proposed = fx.api("PUT", "/api/v1/resources/" + rid, fx.token("editor"), resource.dump());
  REQUIRE(proposed.status == 202);
  const auto pending = std::to_string(json::parse(proposed.body)["pending"].get<long>());
  CHECK(pub.post("/approvals/" + pending + "/reject", {}).status == 303);
  CHECK(json::parse(fx.api("GET", "/api/v1/resources/" + rid, fx.token("editor")).body)["name"]["zh"] !=
        "不会被批准的名称");
  CHECK(pub.get("/publish").body.find("不会被批准的名称") == std::string::npos);
  // Images are served to logged-in staff only.
  CHECK(pub.get("/image/poster-kunpeng.png").header("content-type") == "image/png");
  CHECK(test::http({"GET", fx.url("/image/poster-kunpeng.png"), {}, "", std::nullopt}).status == 302);
}

#include <doctest/doctest.h>
#include <stb/stb_image_write.h>

#include <set>
#include <vector>

#include "sync/content/sha256.hpp"
#include "sync/content/source_dir.hpp"
#include "sync/feed/feed_model.hpp"
#include "sync/feed/images.hpp"
#include "sync/feed/keys.hpp"
#include "sync/feed/pagination.hpp"
#include "sync/feed/publish.hpp"
#include "sync/feed/signed_file.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/image_files.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
using namespace kiosk::feed;
namespace fs = std::filesystem;

namespace {

std::set<std::string> tree(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file())
      out.insert(fs::relative(e.path(), dir).string() + " " + content::sha256_hex(test::read_text(e.path())));
  }
  return out;
}

content::Content many_events(std::size_t n) {
  content::Content c = test::small_content(test::demo_now());
  const content::Event model = c.events[0];
  c.events.clear();
  for (std::size_t i = 0; i < n; ++i) {
    content::Event e = model;
    e.id = "evt-" + std::to_string(i);
    c.events.push_back(e);
  }
  return c;
}

// Keys and a copy of the demo as the staff's source in `dir` (a concrete title: sample content moves
// its dates with every publish); the options publish at the demo's Monday.
PublishOptions demo_source(const test::TempDir& dir) {
  generate_keys(dir / "keys", test::demo_now());
  test::copy_tree(test::demo_dir(), dir / "src");
  test::write_text(dir / "src" / "meta.json", R"({"title": {"zh": "大厅", "en": "Hall"}})");
  PublishOptions o;
  o.now = test::demo_now();
  return o;
}

}  // namespace

TEST_CASE("pagination: one changed event re-publishes exactly one page") {
  content::Content c = many_events(2000);
  const auto before = paginate(c);
  c.events[1234].title.zh = "改过的标题";
  const auto after = paginate(c);
  REQUIRE(before.size() == after.size());
  int changed = 0;
  for (std::size_t i = 0; i < before.size(); ++i) changed += before[i].sha256 != after[i].sha256;
  CHECK(changed == 1);
  // Pages hold about 64 items (2000 events -> 32 buckets).
  std::size_t event_pages = 0;
  for (const auto& p : after) event_pages += p.collection == content::Collection::events;
  CHECK(event_pages == 32);
}

TEST_CASE("pagination: adding an event changes one page - not every page after it") {
  content::Content c = many_events(1000);
  const auto before = paginate(c);
  content::Event extra = c.events[0];
  extra.id = "evt-new";
  c.events.push_back(extra);
  const auto after = paginate(c);
  std::set<std::string> old_hashes;
  for (const auto& p : before) old_hashes.insert(p.sha256);
  int fresh = 0;
  for (const auto& p : after) fresh += !old_hashes.count(p.sha256);
  CHECK(fresh == 1);
}

TEST_CASE(
    "pagination: growing past 64 items per page doubles the pages once - every page changes - then one "
    "again") {
  content::Content c = many_events(2 * kTargetPageItems);  // exactly 2 pages' worth: 2 buckets
  const auto two = paginate(c);
  std::size_t pages = 0;
  for (const auto& p : two) pages += p.collection == content::Collection::events;
  CHECK(pages == 2);
  content::Event extra = c.events[0];
  extra.id = "evt-one-more";
  c.events.push_back(extra);  // 129 events: 4 buckets, every event page is new
  const auto four = paginate(c);
  std::set<std::string> before;
  for (const auto& p : two) before.insert(p.sha256);
  int event_pages = 0, fresh = 0;
  for (const auto& p : four) {
    if (p.collection != content::Collection::events) continue;
    ++event_pages;
    fresh += !before.count(p.sha256);
  }
  CHECK(event_pages == 4);
  CHECK(fresh == 4);  // the one-time whole download docs/feed-protocol.md describes
  extra.id = "evt-and-another";
  c.events.push_back(extra);  // past the doubling: one page changes again
  const auto next = paginate(c);
  std::set<std::string> after_doubling;
  for (const auto& p : four) after_doubling.insert(p.sha256);
  int changed = 0;
  for (const auto& p : next)
    changed += p.collection == content::Collection::events && !after_doubling.count(p.sha256);
  CHECK(changed == 1);
}

TEST_CASE("publishing is deterministic: equal input gives byte-identical feeds") {
  test::TempDir dir;
  generate_keys(dir / "keys", test::demo_now());
  PublishOptions o;
  o.now = test::demo_now();
  REQUIRE(publish(test::demo_dir(), dir / "keys", dir / "a", o).published);
  REQUIRE(publish(test::demo_dir(), dir / "keys", dir / "b", o).published);
  CHECK(tree(dir / "a") == tree(dir / "b"));
}

TEST_CASE("publishing: layout - signatures - unchanged content keeps its version") {
  test::TempDir dir;
  generate_keys(dir / "keys", test::demo_now());
  // Real (not sample) content: its dates do not move with the publishing time.
  test::copy_tree(test::demo_dir(), dir / "src");
  test::write_text(dir / "src" / "meta.json",
                   R"({"title": {"zh": "泰达科技创新服务大厅", "en": "TEDA Innovation Service Hall"}})");
  PublishOptions o;
  o.now = test::demo_now();
  const auto first = publish(dir / "src", dir / "keys", dir / "feed", o);
  REQUIRE(first.published);
  CHECK(first.new_version);
  CHECK(first.version == 1);
  CHECK(fs::exists(dir / "feed" / "root.json"));
  CHECK(fs::exists(dir / "feed" / "manifests" / "1.json"));
  const PublicKey online = public_key_from_base64(test::read_text(dir / "keys" / "online.pub").substr(0, 44));
  const Timestamp t = parse_timestamp(
      open_signed("timestamp", test::read_text(dir / "feed" / "timestamp.json"), {online}).payload);
  CHECK(t.version == 1);
  CHECK(t.expires == o.now + 48 * 3600);
  const std::string manifest_bytes = test::read_text(dir / "feed" / "manifests" / "1.json");
  CHECK(content::sha256_hex(manifest_bytes) == t.manifest.sha256);
  const Manifest m = parse_manifest(open_signed("manifest", manifest_bytes, {online}).payload);
  for (const auto& obj : m.objects()) {
    const std::string bytes = test::read_text(dir / "feed" / object_path(obj.sha256));
    CHECK(content::sha256_hex(bytes) == obj.sha256);
    CHECK(static_cast<std::int64_t>(bytes.size()) == obj.length);
  }
  // Same content an hour later: same version, only a fresh timestamp.
  o.now += 3600;
  const auto again = publish(dir / "src", dir / "keys", dir / "feed", o);
  CHECK(again.published);
  CHECK_FALSE(again.new_version);
  CHECK(again.version == 1);
  CHECK(again.objects_written == 0);
}

TEST_CASE("publishing refuses invalid content and leaves the feed as it was") {
  test::TempDir dir;
  generate_keys(dir / "keys", test::demo_now());
  PublishOptions o;
  o.now = test::demo_now();
  REQUIRE(publish(test::demo_dir(), dir / "keys", dir / "feed", o).published);
  const auto before = tree(dir / "feed");
  test::copy_tree(test::demo_dir(), dir / "bad");
  test::write_text(
      dir / "bad" / "notices.json",
      R"({"notices": [{"id": "n", "title": "x", "starts": "2026-12-02T00:00:00+08:00", "ends": "2026-12-01T00:00:00+08:00"}]})");
  const auto r = publish(dir / "bad", dir / "keys", dir / "feed", o);
  CHECK_FALSE(r.published);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0] == "notices.json: notice \"n\": ends: ends before it starts");
  CHECK(tree(dir / "feed") == before);
}

TEST_CASE("old versions are removed after --keep newer ones - with their objects") {
  test::TempDir dir;
  generate_keys(dir / "keys", test::demo_now());
  test::copy_tree(test::demo_dir(), dir / "src");
  PublishOptions o;
  o.now = test::demo_now();
  o.keep_versions = 2;
  for (int v = 1; v <= 4; ++v) {
    test::write_text(dir / "src" / "meta.json",
                     "{\"title\": {\"zh\": \"大厅 " + std::to_string(v) + "\", \"en\": \"Hall\"}}");
    o.now += 60;
    REQUIRE(publish(dir / "src", dir / "keys", dir / "feed", o).version == v);
  }
  CHECK_FALSE(fs::exists(dir / "feed" / "manifests" / "1.json"));
  CHECK_FALSE(fs::exists(dir / "feed" / "manifests" / "2.json"));
  CHECK(fs::exists(dir / "feed" / "manifests" / "3.json"));
  CHECK(fs::exists(dir / "feed" / "manifests" / "4.json"));
}

TEST_CASE("images are downscaled to what a 1080p kiosk shows and re-encoded") {
  // A 3000x1500 opaque picture (a phone photo's size) as PNG.
  std::vector<unsigned char> rgb(3000 * 1500 * 3);
  for (std::size_t i = 0; i < rgb.size(); ++i) rgb[i] = static_cast<unsigned char>((i / 3) % 251);
  std::string png;
  stbi_write_png_to_func(
      [](void* ctx, void* data, int size) {
        static_cast<std::string*>(ctx)->append(static_cast<char*>(data), static_cast<std::size_t>(size));
      },
      &png, 3000, 1500, 3, rgb.data(), 3000 * 3);
  const PreparedImage out = prepare_image(png);
  CHECK(out.width == 1920);
  CHECK(out.height == 960);
  CHECK(out.bytes.substr(0, 3) == std::string("\xff\xd8\xff", 3));  // JPEG: opaque pictures need no alpha
  CHECK(prepare_image(png).bytes == out.bytes);                     // deterministic
  // A portrait picture fits 1080x1920.
  std::vector<unsigned char> tall(1200 * 2400 * 4, 200);
  std::string tall_png;
  stbi_write_png_to_func(
      [](void* ctx, void* data, int size) {
        static_cast<std::string*>(ctx)->append(static_cast<char*>(data), static_cast<std::size_t>(size));
      },
      &tall_png, 1200, 2400, 4, tall.data(), 1200 * 4);
  const PreparedImage portrait = prepare_image(tall_png);
  CHECK(portrait.width == 960);
  CHECK(portrait.height == 1920);
  CHECK(portrait.bytes.substr(1, 3) == "PNG");  // it has an alpha channel (value 200): stays PNG
  CHECK_THROWS(prepare_image("not an image"));
}

TEST_CASE("after an online key rotation unchanged content is published again - signed by the new key") {
  test::TempDir dir;
  PublishOptions o = demo_source(dir);
  REQUIRE(publish(dir / "src", dir / "keys", dir / "feed", o).version == 1);
  rotate_keys(dir / "keys", dir / "keys2", o.now);
  o.now += 3600;
  // The cron job's re-sign cannot keep a manifest the old key signed: it asks for a publish.
  CHECK_FALSE(resign_timestamp(dir / "keys2", dir / "feed", o).has_value());
  const auto again = publish(dir / "src", dir / "keys2", dir / "feed", o);
  REQUIRE(again.published);
  CHECK(again.new_version);
  CHECK(again.version == 2);
  CHECK(again.objects_written == 0);  // same pages and images: kiosks download only the manifest
  const PublicKey online2 =
      public_key_from_base64(test::read_text(dir / "keys2" / "online.pub").substr(0, 44));
  const std::string manifest = test::read_text(dir / "feed" / "manifests" / "2.json");
  CHECK_NOTHROW(open_signed("manifest", manifest, {online2}));
  const Timestamp t = parse_timestamp(
      open_signed("timestamp", test::read_text(dir / "feed" / "timestamp.json"), {online2}).payload);
  CHECK(t.manifest.sha256 == content::sha256_hex(manifest));
  // From then on the new key's manifest is reused as before.
  o.now += 3600;
  CHECK_FALSE(publish(dir / "src", dir / "keys2", dir / "feed", o).new_version);
  CHECK(resign_timestamp(dir / "keys2", dir / "feed", o) == 2);
}

TEST_CASE("re-signing the timestamp alone keeps the version and the manifest and moves the expiry") {
  test::TempDir dir;
  generate_keys(dir / "keys", test::demo_now());
  PublishOptions o;
  o.now = test::demo_now();
  CHECK_FALSE(resign_timestamp(dir / "keys", dir / "feed", o).has_value());  // nothing published yet
  test::copy_tree(test::demo_dir(), dir / "src");
  test::write_text(dir / "src" / "meta.json", R"({"title": {"zh": "大厅", "en": "Hall"}})");
  REQUIRE(publish(dir / "src", dir / "keys", dir / "feed", o).published);
  const std::string manifest_before = test::read_text(dir / "feed" / "manifests" / "1.json");
  o.now += 12 * 3600;
  const auto version = resign_timestamp(dir / "keys", dir / "feed", o);
  REQUIRE(version.has_value());
  CHECK(*version == 1);
  const PublicKey online = public_key_from_base64(test::read_text(dir / "keys" / "online.pub").substr(0, 44));
  const Timestamp t = parse_timestamp(
      open_signed("timestamp", test::read_text(dir / "feed" / "timestamp.json"), {online}).payload);
  CHECK(t.version == 1);
  CHECK(t.expires == o.now + 48 * 3600);
  CHECK(t.published_at == test::demo_now());
  CHECK(test::read_text(dir / "feed" / "manifests" / "1.json") == manifest_before);
  CHECK(t.manifest.sha256 == content::sha256_hex(manifest_before));
  // A manifest near its own expiry needs a real publish, not a re-signed timestamp.
  o.now = test::demo_now() + 340LL * 86400;
  CHECK_FALSE(resign_timestamp(dir / "keys", dir / "feed", o).has_value());
}

TEST_CASE("publishing again reuses prepared images - a changed or lost image is prepared again") {
  test::TempDir dir;
  PublishOptions o = demo_source(dir);
  const fs::path feed = dir / "feed";
  const auto images_of = [&](std::int64_t version) {
    const std::string bytes = test::read_text(feed / manifest_path(version));
    return parse_manifest(bytes.substr(bytes.find("\n\n") + 2)).images;
  };
  const auto first = publish(dir / "src", dir / "keys", feed, o);
  REQUIRE(first.published);
  CHECK(first.images == 12);
  CHECK(first.images_reused == 0);
  CHECK(fs::exists(feed / ".prepared-images.json"));

  SUBCASE("an edit elsewhere prepares no image and the manifest names the same objects") {
    test::write_text(dir / "src" / "meta.json", R"({"title": {"zh": "新大厅", "en": "Hall"}})");
    const auto again = publish(dir / "src", dir / "keys", feed, o);
    REQUIRE(again.version == 2);
    CHECK(again.images_reused == 12);
    const auto before = images_of(1), after = images_of(2);
    REQUIRE(before.size() == after.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
      CHECK(after[i].object.sha256 == before[i].object.sha256);
      CHECK(after[i].width == before[i].width);
    }
  }
  SUBCASE("a replaced image is prepared again - the others are not") {
    test::write_text(dir / "src" / "images" / "poster-roadshow.png",
                     test::encode_png(64, 48, [](int, int) { return test::rgba(10, 20, 30); }));
    const auto again = publish(dir / "src", dir / "keys", feed, o);
    REQUIRE(again.version == 2);
    CHECK(again.images_reused == 11);
    for (const auto& image : images_of(2)) {
      if (image.name == "poster-roadshow.png") CHECK(image.width == 64);
    }
  }
  SUBCASE("an object lost from the feed is prepared and written again") {
    const auto lost = images_of(1).front().object;
    fs::remove(feed / object_path(lost.sha256));
    const auto again = publish(dir / "src", dir / "keys", feed, o);
    CHECK_FALSE(again.new_version);  // the content is the same
    CHECK(again.images_reused == 11);
    CHECK(fs::file_size(feed / object_path(lost.sha256)) == static_cast<std::uintmax_t>(lost.length));
  }
  SUBCASE("a damaged cache is ignored: every image is prepared again - to the same bytes") {
    test::write_text(feed / ".prepared-images.json", "{\"profile\": 1, \"images\": [");
    const auto again = publish(dir / "src", dir / "keys", feed, o);
    CHECK(again.published);
    CHECK(again.images_reused == 0);
    CHECK(again.objects_written == 0);  // the same bytes are already there
  }
  SUBCASE("damaged image data is still found when its bytes differ from what was prepared") {
    std::string png = test::read_text(dir / "src" / "images" / "poster-kunpeng.png");
    png.resize(png.size() / 2);  // the header stays readable, the data ends half way
    test::write_text(dir / "src" / "images" / "poster-kunpeng.png", png);
    const auto again = publish(dir / "src", dir / "keys", feed, o);
    CHECK_FALSE(again.published);
    REQUIRE_FALSE(again.problems.empty());
    CHECK(again.problems.front().find("poster-kunpeng.png") != std::string::npos);
  }
}

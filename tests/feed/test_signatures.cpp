#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "sync/feed/ed25519.hpp"
#include "sync/feed/feed_error.hpp"
#include "sync/feed/feed_model.hpp"
#include "sync/feed/signed_file.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
using namespace kiosk::feed;

TEST_CASE("Ed25519: a signature verifies only for its key and its exact message") {
  const PrivateKey k = PrivateKey::generate();
  const PrivateKey other = PrivateKey::generate();
  const std::string sig = k.sign("manifest bytes");
  CHECK(sig.size() == 64);
  CHECK(ed25519_verify(k.public_key(), "manifest bytes", sig));
  CHECK_FALSE(ed25519_verify(k.public_key(), "manifest bytez", sig));
  CHECK_FALSE(ed25519_verify(other.public_key(), "manifest bytes", sig));
  std::string flipped = sig;
  flipped[10] ^= 0x01;
  CHECK_FALSE(ed25519_verify(k.public_key(), "manifest bytes", flipped));
  CHECK_FALSE(ed25519_verify(k.public_key(), "manifest bytes", sig.substr(0, 63)));
  CHECK(k.sign("x") == k.sign("x"));  // deterministic: equal input, equal output
}

TEST_CASE("keys survive a round trip through files and base64") {
  test::TempDir dir;
  const PrivateKey k = PrivateKey::generate();
  k.save(dir / "k.pem");
  const PrivateKey loaded = PrivateKey::load(dir / "k.pem");
  CHECK(loaded.public_key() == k.public_key());
  CHECK(public_key_from_base64(to_base64(k.public_key())) == k.public_key());
  CHECK(key_id(k.public_key()).size() == 16);
  CHECK_THROWS(public_key_from_base64("dG9vIHNob3J0"));
  CHECK_THROWS(base64_decode("not base64!"));
  CHECK(base64_decode(base64_encode("any bytes\n\x01")) == "any bytes\n\x01");
  test::write_text(dir / "junk.pem", "-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----\n");
  CHECK_THROWS_WITH(PrivateKey::load(dir / "junk.pem"), doctest::Contains("not an Ed25519 private key"));
}

TEST_CASE("a signed envelope opens with the right key and type only") {
  const PrivateKey online = PrivateKey::generate();
  const std::string file = make_signed("timestamp", "{\"type\":\"timestamp\"}", {&online});
  CHECK(open_signed("timestamp", file, {online.public_key()}).payload == "{\"type\":\"timestamp\"}");
  // A timestamp signature is not a manifest signature (domain separation).
  CHECK_THROWS_AS(open_signed("manifest", file, {online.public_key()}), FeedError);
  // A byte changed after signing.
  std::string tampered = file;
  tampered[tampered.size() - 3] = 'X';
  try {
    open_signed("timestamp", tampered, {online.public_key()});
    FAIL("tampering went unnoticed");
  } catch (const FeedError& e) {
    CHECK(e.failure() == Failure::bad_signature);
    CHECK(std::string(e.what()).find("altered") != std::string::npos);
  }
  // Signed by a key nobody trusts.
  const PrivateKey stranger = PrivateKey::generate();
  try {
    open_signed("timestamp", make_signed("timestamp", "{}", {&stranger}), {online.public_key()});
    FAIL("unknown key accepted");
  } catch (const FeedError& e) {
    CHECK(std::string(e.what()).find("does not trust") != std::string::npos);
  }
}

TEST_CASE("thresholds need distinct trusted signers") {
  const PrivateKey a = PrivateKey::generate(), b = PrivateKey::generate();
  const std::string one = make_signed("root", "{}", {&a});
  const std::string two = make_signed("root", "{}", {&a, &b});
  CHECK_THROWS_AS(open_signed("root", one, {a.public_key(), b.public_key()}, 2), FeedError);
  CHECK(open_signed("root", two, {a.public_key(), b.public_key()}, 2).signers.size() == 2);
  const std::string twice = make_signed("root", "{}", {&a, &a});  // the same key twice counts once
  CHECK_THROWS_AS(open_signed("root", twice, {a.public_key(), b.public_key()}, 2), FeedError);
}

TEST_CASE("web pages and junk are reported as what they are") {
  const PrivateKey k = PrivateKey::generate();
  try {
    open_signed("timestamp", "<!DOCTYPE html><html>Wi-Fi login</html>", {k.public_key()});
    FAIL("html accepted");
  } catch (const FeedError& e) {
    CHECK(e.failure() == Failure::captive_portal);
  }
  try {
    open_signed("timestamp", "{\"version\": 99}", {k.public_key()});
    FAIL("unsigned json accepted");
  } catch (const FeedError& e) {
    CHECK(e.failure() == Failure::malformed);
  }
  CHECK_THROWS_AS(open_signed("timestamp", "kiosk-signed-v1\nsig abc", {k.public_key()}), FeedError);
  std::string many = "kiosk-signed-v1\n";
  for (int i = 0; i < 50; ++i) many += "sig 0000000000000000 AAAA\n";
  CHECK_THROWS_AS(open_signed("timestamp", many + "\n{}", {k.public_key()}), FeedError);
}

TEST_CASE("a payload of the wrong shape is a malformed feed error naming the file - found by tests/fuzz") {
  const auto refused = [](auto parse, std::string_view payload, const std::string& words) {
    try {
      parse(payload);
      FAIL("accepted: " << payload);
    } catch (const FeedError& e) {
      CHECK(e.failure() == Failure::malformed);
      CHECK_MESSAGE(std::string(e.what()).find(words) != std::string::npos, e.what());
    }
  };
  refused([](std::string_view p) { return parse_manifest(p); }, R"({"type": 5})",
          "manifest: is not a manifest");
  refused([](std::string_view p) { return parse_timestamp(p); }, R"({"type": ["timestamp"]})",
          "timestamp.json: is not a timestamp");
  refused([](std::string_view p) { return parse_manifest(p); },
          R"({"type": "manifest", "version": 1, "published_at": "2026-11-30T10:00:00+08:00",
              "expires": "2027-11-30T10:00:00+08:00", "meta": {}, "pages": [{"collection": 7}]})",
          "manifest: ");
}

TEST_CASE(
    "a manifest whose pages hold more than a kiosk keeps in memory is refused before any page is fetched") {
  nlohmann::json manifest = {{"type", "manifest"},
                             {"version", 1},
                             {"published_at", "2026-11-30T10:00:00+08:00"},
                             {"expires", "2027-11-30T10:00:00+08:00"},
                             {"meta", {{"title", {{"zh", "超大"}}}}},
                             {"pages", nlohmann::json::array()},
                             {"images", nlohmann::json::array()}};
  const std::int64_t page = 12LL * 1024 * 1024;  // each page within the 16 MB a page may have
  for (int i = 0; i < 3; ++i) {
    manifest["pages"].push_back({{"collection", "events"},
                                 {"sha256", std::string(63, 'a') + char('0' + i)},
                                 {"length", page},
                                 {"items", 64}});
  }
  try {
    parse_manifest(manifest.dump());
    FAIL("a 36 MB manifest was accepted");
  } catch (const FeedError& e) {
    CHECK(e.failure() == Failure::malformed);
    CHECK_MESSAGE(std::string(e.what()).find("36 MB") != std::string::npos, e.what());
  }
  manifest["pages"].erase(2);  // 24 MB: fine
  CHECK(parse_manifest(manifest.dump()).pages.size() == 2);
}

#include "tests/engine/feed_fixture.hpp"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "platform/files.hpp"
#include "sync/content/sha256.hpp"
#include "sync/feed/keys.hpp"
#include "sync/feed/signed_file.hpp"
#include "tests/support/fixtures.hpp"

namespace kiosk::test {

const TlsFiles& test_tls() {
  static TempDir dir;
  static const TlsFiles files = make_tls_files(dir.path());
  return files;
}

namespace {

// The first version (keys, the staff's source, the published feed) is made once per build of the
// test binary and start time, beside the binary, then copied: ctest runs every test case in its own
// process, and preparing the demo's images again for each costs seconds under the sanitizers and
// qemu while proving nothing the first time did not. Processes racing to make it each build their
// own and rename it into place; the loser uses the winner's.
std::filesystem::path first_version(content::UnixSeconds now) {
  namespace fs = std::filesystem;
  const fs::path exe = fs::read_symlink("/proc/self/exe");
  const auto built = fs::last_write_time(exe).time_since_epoch().count();
  const fs::path made = exe.parent_path() / "feed-templates" /
                        (exe.filename().string() + "-" + std::to_string(built) + "-" + std::to_string(now));
  std::error_code ec;
  if (fs::exists(made / "done", ec)) return made;
  const fs::path tmp = made.string() + ".tmp." + std::to_string(::getpid());
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp);
  const std::string root_key = feed::generate_keys(tmp / "keys", now - 86400);
  copy_tree(demo_dir(), tmp / "src");
  // Concrete dates, as staff publish them: sample content would move its desk times with every
  // publish, and these tests count exactly which pages change.
  write_text(tmp / "src" / "meta.json",
             R"({"title": {"zh": "泰达科技创新服务大厅", "en": "TEDA Innovation Service Hall"}})");
  feed::PublishOptions o;
  o.now = now;
  feed::publish(tmp / "src", tmp / "keys", tmp / "feed", o);
  write_text(tmp / "root_key", root_key);
  write_text(tmp / "done", "");
  fs::rename(tmp, made, ec);
  if (ec) fs::remove_all(tmp, ec);  // another process was first: its copy is as good
  return made;
}

}  // namespace

FeedFixture::FeedFixture(content::UnixSeconds start) : now(start != 0 ? start : demo_now()) {
  keys = dir / "keys";
  src = dir / "src";
  feed = dir / "feed";
  data = dir / "kiosk";
  const std::filesystem::path first = first_version(now);
  root_key = read_text(first / "root_key");
  for (const char* part : {"keys", "src", "feed"}) copy_tree(first / part, dir / part);
}

feed::PublishReport FeedFixture::publish() {
  feed::PublishOptions o;
  o.now = now;
  return feed::publish(src, keys, feed, o);
}

sync::SyncConfig FeedFixture::config(const std::string& url) const {
  sync::SyncConfig c;
  c.server = url;
  c.root_keys = {feed::public_key_from_base64(root_key)};
  c.http.ca_file = test_tls().ca.string();
  c.http.connect_timeout_s = 2;
  c.http.total_timeout_s = 4;
  c.http.low_speed_bytes = 200;
  c.http.low_speed_time_s = 2;
  c.disk_reserve_bytes = 0;
  c.clock_synchronised = [] { return false; };  // the fixture's clock is the test's, not NTP's
  return c;
}

std::unique_ptr<store::Store> FeedFixture::open_store() const {
  store::OpenOptions o;
  o.db_path = data / "content.db";
  o.baseline_dir = demo_dir();
  o.now = now;
  return store::Store::open(o);
}

std::unique_ptr<sync::SyncEngine> FeedFixture::engine(store::Store& store, const std::string& url) {
  return std::make_unique<sync::SyncEngine>(store, config(url), [this] { return now; });
}

void FeedFixture::edit_event_title(const std::string& id, const std::string& title) {
  auto doc = nlohmann::json::parse(read_text(src / "events.json"));
  for (auto& e : doc["events"]) {
    if (e["id"] == id) e["title"]["zh"] = title;
  }
  write_text(src / "events.json", doc.dump(2));
}

namespace {
std::string payload_of(const std::string& envelope) {
  return envelope.substr(envelope.find("\n\n") + 2);
}
}  // namespace

feed::Manifest FeedFixture::current_manifest() const {
  const auto t = feed::parse_timestamp(payload_of(read_text(feed / "timestamp.json")));
  return feed::parse_manifest(payload_of(read_text(feed / feed::manifest_path(t.version))));
}

void FeedFixture::put_object(const std::string& bytes) {
  write_text(feed / feed::object_path(content::sha256_hex(bytes)), bytes);
}

void FeedFixture::rewrite_manifest(const std::function<void(feed::Manifest&)>& edit,
                                   const feed::PrivateKey* key) {
  const feed::PrivateKey online = feed::PrivateKey::load(feed::KeyPaths(keys).online_key());
  const feed::PrivateKey* signer = key != nullptr ? key : &online;
  feed::Manifest m = current_manifest();
  edit(m);
  const std::string manifest = feed::make_signed("manifest", feed::to_payload(m), {signer});
  write_text(feed / feed::manifest_path(m.version), manifest);
  feed::Timestamp t;
  t.version = m.version;
  t.published_at = m.published_at;
  t.expires = now + 48 * 3600;
  t.manifest = feed::ObjectRef{content::sha256_hex(manifest), static_cast<std::int64_t>(manifest.size())};
  write_text(feed / "timestamp.json", feed::make_signed("timestamp", feed::to_payload(t), {signer}));
}

}  // namespace kiosk::test

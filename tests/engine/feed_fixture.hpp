#pragma once
// A publisher and a kiosk in one temp directory: keys, a copy of the demo as the staff's source,
// a published feed, the kiosk's data directory, and a clock the test controls.
#include <functional>
#include <memory>
#include <string>

#include "sync/engine/engine.hpp"
#include "sync/feed/feed_model.hpp"
#include "sync/feed/publish.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/tls_files.hpp"

namespace kiosk::test {

const TlsFiles& test_tls();  // made once per test binary

struct FeedFixture {
  TempDir dir;
  std::filesystem::path keys, src, feed, data;
  content::UnixSeconds now;  // the kiosk's wall clock
  std::string root_key;      // base64

  // `start`: the clock when the first version is published (default: the demo's Monday).
  explicit FeedFixture(content::UnixSeconds start = 0);
  feed::PublishReport publish();  // at `now`
  sync::SyncConfig config(const std::string& server_url) const;
  std::unique_ptr<store::Store> open_store() const;
  // A SyncEngine on `store` against `url`, using the fixture's clock.
  std::unique_ptr<sync::SyncEngine> engine(store::Store& store, const std::string& url);

  // Changes one event's Chinese title in the source.
  void edit_event_title(const std::string& id, const std::string& title);
  // Rewrites the current manifest (and the timestamp pointing at it) through `edit`, signing both
  // with `key` (default: the real online key). `objects` may add raw objects to the feed.
  void rewrite_manifest(const std::function<void(feed::Manifest&)>& edit,
                        const feed::PrivateKey* key = nullptr);
  feed::Manifest current_manifest() const;
  void put_object(const std::string& bytes);  // into feed/objects under its hash
};

}  // namespace kiosk::test

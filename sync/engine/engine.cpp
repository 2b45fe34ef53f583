#include "sync/engine/engine.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <type_traits>

#include "platform/clock.hpp"
#include "platform/files.hpp"
#include "platform/log.hpp"
#include "sync/content/content_json.hpp"
#include "sync/content/image_probe.hpp"
#include "sync/content/json_limits.hpp"
#include "sync/content/sha256.hpp"
#include "sync/content/validate.hpp"
#include "sync/feed/signed_file.hpp"

namespace kiosk::sync {
namespace {

using feed::Failure;
using feed::FeedError;

constexpr content::UnixSeconds kStatusSaveEvery =
    15 * 60;  // a quiet kiosk writes its status rarely (SD wear)

std::optional<std::int64_t> state_int(const store::Store& s, const std::string& key) {
  auto v = s.state(key);
  if (!v) return std::nullopt;
  try {
    return std::stoll(*v);
  } catch (...) {
    return std::nullopt;
  }
}

std::string hours(content::UnixSeconds seconds) {
  const auto h = seconds / 3600;
  return h >= 48 ? std::to_string(h / 24) + " days"
                 : std::to_string(std::max<content::UnixSeconds>(h, 1)) + " h";
}

// One optional setting; a value of the wrong type is an error that names it.
template <typename T>
T setting(const nlohmann::json& j, const char* key, T fallback) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error(std::string("sync.") + key + " has the wrong type (" +
                             (std::is_same_v<T, std::string> ? "text" : "a number") + " expected)");
  }
}

}  // namespace

SyncConfig parse_sync_config(const std::string& text) {
  const nlohmann::json j = content::parse_json_limited(text);
  if (!j.is_object()) throw std::runtime_error("sync: must be an object");
  SyncConfig c;
  c.server = setting(j, "server", std::string());
  while (!c.server.empty() && c.server.back() == '/') c.server.pop_back();
  if (c.server.rfind("https://", 0) != 0) throw std::runtime_error("sync.server must be an https:// address");
  if (!j.contains("root_public_keys") || !j["root_public_keys"].is_array() || j["root_public_keys"].empty()) {
    throw std::runtime_error(
        "sync.root_public_keys must list the feed's root public key (base64, from root.pub)");
  }
  for (const auto& k : j["root_public_keys"]) {
    if (!k.is_string()) throw std::runtime_error("sync.root_public_keys must be base64 strings");
    try {
      c.root_keys.push_back(feed::public_key_from_base64(k.get<std::string>()));
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("sync.root_public_keys: ") + e.what());
    }
  }
  c.root_threshold = setting(j, "root_threshold", 1);
  c.http.ca_file = setting(j, "ca_file", std::string());
  c.http.connect_timeout_s = setting(j, "connect_timeout_s", c.http.connect_timeout_s);
  c.http.total_timeout_s = setting(j, "timeout_s", c.http.total_timeout_s);
  c.http.low_speed_bytes = setting(j, "low_speed_bytes", c.http.low_speed_bytes);
  c.http.low_speed_time_s = setting(j, "low_speed_time_s", c.http.low_speed_time_s);
  c.backoff.poll_interval_s = setting(j, "poll_interval_s", c.backoff.poll_interval_s);
  c.backoff.first_retry_s = setting(j, "retry_first_s", c.backoff.first_retry_s);
  c.backoff.max_retry_s = setting(j, "retry_max_s", c.backoff.max_retry_s);
  c.desk_poll_interval_s = setting(j, "desk_poll_interval_s", c.desk_poll_interval_s);
  c.deadline_s = setting(j, "deadline_s", c.deadline_s);
  if (c.deadline_s < 5) throw std::runtime_error("sync.deadline_s must be at least 5 seconds");
  c.image_quota_bytes = setting(j, "image_quota_mb", c.image_quota_bytes >> 20) << 20;
  if (c.backoff.poll_interval_s < 1 || c.desk_poll_interval_s < 1)
    throw std::runtime_error("sync: poll intervals must be at least 1 s");
  return c;
}

SyncEngine::SyncEngine(store::Store& store, SyncConfig config, Clock wall_clock)
    : store_(store), config_(std::move(config)), clock_(std::move(wall_clock)), http_(config_.http) {
  if (!clock_) {
    clock_ = [] {
      return static_cast<content::UnixSeconds>(std::chrono::duration_cast<std::chrono::seconds>(
                                                   std::chrono::system_clock::now().time_since_epoch())
                                                   .count());
    };
  }
  if (!config_.clock_synchronised) config_.clock_synchronised = [] { return platform::clock_synchronised(); };
  if (auto saved = store_.state("status")) status_ = SyncStatus::from_json(*saved);
  status_.configured = true;
  const auto v = store_.version();
  status_.current_version = v.origin == "feed" ? v.version : 0;
  status_.current_published_at = v.published_at;
}

content::UnixSeconds SyncEngine::time_floor() const {
  return std::max(config_.build_time, state_int(store_, "floor").value_or(0));
}

double SyncEngine::next_delay(bool desks_shown) const {
  BackoffPolicy p = config_.backoff;
  if (desks_shown) p.poll_interval_s = std::min(p.poll_interval_s, config_.desk_poll_interval_s);
  return sync::next_delay(p, status_.failures, retry_after_, jitter_);
}

std::string SyncEngine::fetch(const std::string& path, const std::string& what, std::size_t max_bytes) {
  return http_.get(config_.server + "/" + path, what, max_bytes).body;
}

std::string SyncEngine::fetch_exact(const std::string& path, const std::string& what,
                                    const feed::ObjectRef& ref) {
  std::string body = fetch(path, what, static_cast<std::size_t>(ref.length));
  if (static_cast<std::int64_t>(body.size()) != ref.length) {
    throw FeedError(Failure::truncated, what + " is " + std::to_string(body.size()) +
                                            " bytes instead of the " + std::to_string(ref.length) +
                                            " the feed announced");
  }
  if (content::sha256_hex(body) != ref.sha256) {
    throw FeedError(Failure::hash_mismatch,
                    what + " does not match its published hash: it was altered or damaged on the way");
  }
  return body;
}

std::optional<std::pair<feed::Root, std::string>> SyncEngine::first_pinned_root(
    const std::vector<feed::PublicKey>& pinned, int threshold) {
  for (std::int64_t v = 1; v <= 64; ++v) {
    std::string bytes;
    try {
      bytes = fetch("roots/" + std::to_string(v) + ".json", "root version " + std::to_string(v),
                    feed::kMaxRootBytes);
    } catch (const FeedError& e) {
      if (e.failure() == Failure::missing_object)
        return std::nullopt;  // past the newest, or no roots/ at all
      throw;
    }
    try {
      const feed::Opened opened = feed::open_signed("root", bytes, pinned, threshold);
      const feed::Root r = feed::parse_root(opened.payload);
      feed::open_signed("root", bytes, r.root_keys, r.root_threshold);  // and by its own keys
      return std::make_pair(r, opened.payload);
    } catch (const FeedError& e) {
      if (e.failure() != Failure::bad_signature) throw;  // not signed by the pinned keys: a later one may be
    }
  }
  return std::nullopt;
}

feed::Root SyncEngine::trusted_root(bool refresh) {
  const auto stored = store_.state("root");
  if (stored && !refresh) return feed::parse_root(*stored);
  std::optional<feed::Root> current;
  if (stored) current = feed::parse_root(*stored);
  std::vector<feed::PublicKey> keys = current ? current->root_keys : config_.root_keys;
  int threshold = current ? current->root_threshold : config_.root_threshold;
  const content::UnixSeconds now = std::max(clock_(), time_floor());
  // Walk the chain of roots one version at a time: each must be signed by the keys of the one before
  // (and by its own), so a kiosk that slept through two rotations still ends up trusting the newest.
  std::int64_t version = current ? current->version : 0;
  std::optional<feed::Root> newest;
  std::string newest_payload;
  if (!current) {
    // A fresh kiosk may be pinned to any root the publisher ever had: find the first in roots/ that
    // its pinned keys signed, and walk on from there. (A feed without roots/ offers root.json only.)
    if (auto first = first_pinned_root(keys, threshold)) {
      newest = first->first;
      newest_payload = first->second;
      keys = newest->root_keys;
      threshold = newest->root_threshold;
      version = newest->version;
    }
  }
  for (int step = 0; step < 64; ++step) {
    std::string bytes;
    try {
      bytes = version == 0 ? fetch("root.json", "root.json", feed::kMaxRootBytes)
                           : fetch("roots/" + std::to_string(version + 1) + ".json",
                                   "root version " + std::to_string(version + 1), feed::kMaxRootBytes);
    } catch (const FeedError& e) {
      if (e.failure() == Failure::missing_object && version > 0) break;  // no newer root
      throw;
    }
    const feed::Opened opened = feed::open_signed("root", bytes, keys, threshold);
    const feed::Root r = feed::parse_root(opened.payload);
    if (r.version <= version) break;
    feed::open_signed("root", bytes, r.root_keys, r.root_threshold);  // also signed by its own keys
    keys = r.root_keys;
    threshold = r.root_threshold;
    version = r.version;
    newest = r;
    newest_payload = opened.payload;
  }
  if (!newest) {
    if (current) return *current;
    throw FeedError(Failure::bad_signature, "root.json could not be verified with the pinned root key");
  }
  if (newest->expires <= now) {
    throw FeedError(Failure::expired, "the feed's root keys expired on " +
                                          content::format_iso8601(newest->expires) +
                                          ": the publisher must renew them");
  }
  store_.set_state("root", newest_payload);
  return *newest;
}

content::UnixSeconds SyncEngine::checked_floor(content::UnixSeconds wall, bool synchronised) {
  const content::UnixSeconds floor = time_floor();
  if (!synchronised || floor <= wall + config_.max_signed_lead_s || floor <= config_.build_time) return floor;
  // Network time is behind the floor by more than any honest skew: the floor came from a publish
  // time signed by a wrong clock while this kiosk had no network time. Network time wins.
  const content::UnixSeconds mended = std::max(config_.build_time, wall);
  status_.time_note =
      "the time floor (" + content::format_iso8601(floor) + ") was " + hours(floor - wall) +
      " ahead of network time, taken from a publisher whose clock was wrong; it was reset to " +
      content::format_iso8601(mended);
  log::warn("sync: " + status_.time_note);
  store_.set_state("floor", std::to_string(mended));
  return mended;
}

content::UnixSeconds SyncEngine::raised_floor(content::UnixSeconds floor, content::UnixSeconds signed_at,
                                              content::UnixSeconds wall, bool synchronised,
                                              std::int64_t version) {
  if (synchronised && signed_at > wall + config_.max_signed_lead_s) {
    status_.time_note = "version " + std::to_string(version) + " was signed at " +
                        content::format_iso8601(signed_at) + ", " + hours(signed_at - wall) +
                        " ahead of network time: the publisher's clock is wrong, so that "
                        "time was not used (the content was)";
    return floor;
  }
  return std::max(floor, signed_at);
}

void SyncEngine::run(SyncOutcome& out) {
  const content::UnixSeconds wall = clock_();
  const bool synchronised = config_.clock_synchronised();
  time_floor_at_start_ = time_floor();
  content::UnixSeconds floor = checked_floor(wall, synchronised);
  content::UnixSeconds now = std::max(wall, floor);  // a Pi that booted in 1970 still checks expiry
  feed::Root root = trusted_root(false);

  status_.state = "checking";
  // An ETag belongs to one URL: after the server address changes, ask unconditionally.
  const std::string saved_etag = store_.state("ts_etag").value_or("");
  const std::string etag_prefix = config_.server + "\n";
  const std::string etag = saved_etag.rfind(etag_prefix, 0) == 0 ? saved_etag.substr(etag_prefix.size()) : "";
  HttpResponse ts_response =
      http_.get(config_.server + "/timestamp.json", "timestamp.json", feed::kMaxTimestampBytes, etag);
  if (ts_response.not_modified()) {
    if (etag.empty()) {  // nothing was cached to be "not modified": a cache or proxy on the way is broken
      throw FeedError(Failure::http,
                      "the server answered \"304 Not Modified\" to a request for a fresh timestamp.json; "
                      "a cache or proxy between the kiosk and the feed host is misbehaving");
    }
    const auto expires = state_int(store_, "ts_expires").value_or(0);
    if (expires <= now) {
      throw FeedError(Failure::expired,
                      "the feed's timestamp expired on " + content::format_iso8601(expires) +
                          " and the server keeps sending the same one: publishing has stopped, or an "
                          "old copy of the feed is being replayed");
    }
    out.up_to_date = true;
    return;
  }
  feed::Opened opened;
  try {
    opened = feed::open_signed("timestamp", ts_response.body, root.online_keys);
  } catch (const FeedError& e) {
    if (e.failure() != Failure::bad_signature) throw;
    root = trusted_root(true);  // perhaps the online key was rotated: ask for a newer root once
    opened = feed::open_signed("timestamp", ts_response.body, root.online_keys);
  }
  const feed::Timestamp ts = feed::parse_timestamp(opened.payload);
  // Signed time is here: the note is about this attempt's evidence from now on (a floor mended
  // at the start of this attempt keeps its note).
  if (floor == time_floor_at_start_) status_.time_note.clear();
  const content::VersionInfo current = store_.version();
  const std::int64_t current_version = current.origin == "feed" ? current.version : 0;
  if (ts.version > current_version && ts.published_at + config_.max_signed_lead_s < floor &&
      floor > config_.build_time) {
    // A newer version, signed well before the floor: the publisher's later word says the time the
    // floor came from was wrong. Without network time this is how a kiosk recovers by itself.
    status_.time_note = "the time floor (" + content::format_iso8601(floor) +
                        ") came from a publish time from the future: version " + std::to_string(ts.version) +
                        " was signed at " + content::format_iso8601(ts.published_at) +
                        ", so the floor went back";
    log::warn("sync: " + status_.time_note);
    floor = std::max(config_.build_time, ts.published_at);
    now = std::max(wall, floor);
  }
  if (ts.expires <= now) {
    throw FeedError(Failure::expired,
                    "the feed's timestamp expired on " + content::format_iso8601(ts.expires) + " (now " +
                        content::format_iso8601(now) +
                        "): publishing has stopped, or an old copy of the feed is being replayed");
  }
  if (ts.version < current_version) {
    throw FeedError(Failure::rollback, "the server offers version " + std::to_string(ts.version) +
                                           ", older than version " + std::to_string(current_version) +
                                           " already shown: refused (rollback)");
  }
  const content::UnixSeconds ts_floor = raised_floor(floor, ts.published_at, wall, synchronised, ts.version);
  const std::vector<std::pair<std::string, std::string>> ts_state = {
      {"ts_etag", ts_response.etag.empty() ? "" : etag_prefix + ts_response.etag},
      {"ts_expires", std::to_string(ts.expires)},
      {"floor", std::to_string(ts_floor)}};
  if (ts.version == current_version) {
    if (current.manifest_sha256 != ts.manifest.sha256) {
      throw FeedError(Failure::hash_mismatch, "the server's version " + std::to_string(ts.version) +
                                                  " is not the version " + std::to_string(ts.version) +
                                                  " this kiosk has");
    }
    for (const auto& [key, value] : ts_state) store_.set_state(key, value);
    out.up_to_date = true;
    return;
  }
  if (state_int(store_, "rejected_version") == ts.version &&
      store_.state("rejected_sha") == ts.manifest.sha256) {
    throw FeedError(Failure::invalid_content, store_.state("rejected_reason").value_or("version refused"));
  }

  status_.state = "downloading";
  const std::string manifest_bytes =
      fetch_exact(feed::manifest_path(ts.version), "manifest " + std::to_string(ts.version), ts.manifest);
  const feed::Manifest m =
      feed::parse_manifest(feed::open_signed("manifest", manifest_bytes, root.online_keys).payload);
  if (m.version != ts.version)
    throw FeedError(Failure::malformed, "the manifest's version does not match the timestamp");
  if (m.expires <= now)
    throw FeedError(Failure::expired, "manifest " + std::to_string(m.version) + " expired on " +
                                          content::format_iso8601(m.expires));
  if (m.version < current_version)
    throw FeedError(Failure::rollback, "the manifest is older than the content shown");

  std::int64_t image_bytes = 0, missing_bytes = 0;
  for (const auto& i : m.images) image_bytes += i.object.length;
  if (image_bytes > config_.image_quota_bytes) {
    throw FeedError(Failure::too_large,
                    "version " + std::to_string(m.version) + " has " + std::to_string(image_bytes >> 20) +
                        " MB of images, more than the " + std::to_string(config_.image_quota_bytes >> 20) +
                        " MB this kiosk keeps: publish smaller or fewer images");
  }
  std::vector<feed::ObjectRef> missing;
  for (const auto& o : m.objects()) {
    if (!store_.blobs().has(o.sha256)) {
      missing.push_back(o);
      missing_bytes += o.length;
    }
  }
  const long long free = platform::free_bytes(store_.blobs().dir());
  if (free >= 0 && missing_bytes + config_.disk_reserve_bytes > free) {
    throw FeedError(
        Failure::disk_full,
        "disk full: version " + std::to_string(m.version) + " needs " + std::to_string(missing_bytes >> 20) +
            " MB more, plus the " + std::to_string(config_.disk_reserve_bytes >> 20) +
            " MB this kiosk always keeps free, and only " + std::to_string(free >> 20) +
            " MB are free on the data partition: remove other files there, or publish smaller images");
  }
  // The real size of each image that arrives, read from its header while its bytes are at hand (no
  // decode; the kiosk's decoder has its own pixel cap). Images already stored were read when they came.
  std::set<std::string> image_objects;
  for (const auto& i : m.images) image_objects.insert(i.object.sha256);
  std::map<std::string, std::optional<content::ImageSize>> arrived_images;
  for (const auto& o : missing) {
    const std::string bytes = fetch_exact(feed::object_path(o.sha256), "object " + o.sha256.substr(0, 12), o);
    if (image_objects.count(o.sha256)) arrived_images[o.sha256] = content::probe_image(bytes);
    store_.blobs().put(o.sha256, bytes);  // temp -> fsync -> rename -> fsync(dir), before any commit
    ++out.objects_fetched;
    out.bytes_fetched += bytes.size();
  }

  // The whole version, validated as staff's content would be; one bad item refuses all of it.
  status_.state = "applying";
  const auto t_parse = std::chrono::steady_clock::now();
  const auto ms_since = [](std::chrono::steady_clock::time_point t) {
    return std::to_string(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t).count());
  };
  // Each page is parsed once: into its own Content (what gets inserted if the page is new) and
  // appended to the candidate (what gets validated as a whole).
  content::Content candidate;
  content::Issues issues;
  const auto stored = store_.pages();
  const std::set<std::string> stored_set(stored.begin(), stored.end());
  std::vector<std::pair<std::string, content::Content>> new_pages;
  const auto append = [](auto& into, const auto& from) { into.insert(into.end(), from.begin(), from.end()); };
  for (const auto& p : m.pages) {
    content::Content page;
    content::parse_collection(p.collection, content::collection_file(p.collection),
                              store_.blobs().get(p.object.sha256, feed::kMaxPageBytes), page, issues);
    append(candidate.spaces, page.spaces);
    append(candidate.events, page.events);
    append(candidate.desks, page.desks);
    append(candidate.resources, page.resources);
    append(candidate.indicators, page.indicators);
    append(candidate.notices, page.notices);
    if (!stored_set.count(p.object.sha256)) new_pages.emplace_back(p.object.sha256, std::move(page));
  }
  candidate.meta = m.meta;
  for (const auto& i : m.images) {
    candidate.images.push_back({i.name, i.object.sha256, i.object.length, i.width, i.height});
    // The size the manifest declares is what layouts and memory budgets use: it must be the real one.
    const auto arrived = arrived_images.find(i.object.sha256);
    if (arrived == arrived_images.end()) continue;  // checked when it first arrived
    const std::optional<content::ImageSize>& real = arrived->second;
    if (!real) {
      issues.error("images/" + i.name, "", "", "", "is not a PNG or JPEG image");
    } else if (real->width != i.width || real->height != i.height) {
      issues.error("images/" + i.name, "", "", "",
                   "is " + std::to_string(real->width) + "x" + std::to_string(real->height) +
                       " pixels but the manifest says " + std::to_string(i.width) + "x" +
                       std::to_string(i.height));
    }
  }
  const std::string parse_ms = ms_since(t_parse);
  const auto t_validate = std::chrono::steady_clock::now();
  content::validate(candidate, issues);
  const std::string validate_ms = ms_since(t_validate);
  if (issues.has_errors()) {
    const std::string reason = "version " + std::to_string(m.version) + " was refused and version " +
                               std::to_string(current_version) + " stays on screen: " + issues.summary(3);
    store_.set_state("rejected_version", std::to_string(m.version));
    store_.set_state("rejected_sha", ts.manifest.sha256);
    store_.set_state("rejected_reason", reason);
    status_.rejected_version = m.version;
    throw FeedError(Failure::invalid_content, reason);
  }

  store::Store::PageDelta delta;
  std::set<std::string> wanted;
  for (const auto& p : m.pages) wanted.insert(p.object.sha256);
  for (const auto& page : stored) {
    if (!wanted.count(page)) delta.removed.push_back(page);
  }
  delta.added = std::move(new_pages);
  delta.meta = m.meta;
  delta.images = candidate.images;
  delta.version = content::VersionInfo{m.version, "feed", m.published_at, wall, ts.manifest.sha256};
  auto state = ts_state;
  state[2].second = std::to_string(raised_floor(ts_floor, m.published_at, wall, synchronised, m.version));
  state.emplace_back("rejected_version", "0");
  const auto t_apply = std::chrono::steady_clock::now();
  store_.apply_pages(delta, state);
  log::debug("sync: version " + std::to_string(m.version) + ": pages parsed in " + parse_ms +
             " ms, validated in " + validate_ms + " ms, " + std::to_string(delta.removed.size()) +
             " pages removed and " + std::to_string(delta.added.size()) + " added in " + ms_since(t_apply) +
             " ms");

  // Only now may the previous version's files go: the database no longer points at them.
  std::set<std::string> keep;
  for (const auto& o : m.objects()) keep.insert(o.sha256);
  store_.blobs().remove_except(keep);
  out.applied = true;
  out.version = m.version;
  status_.current_version = m.version;
  status_.current_published_at = m.published_at;
  status_.rejected_version = 0;
}

void SyncEngine::fail(Failure failure, const std::string& message, double retry_after) {
  status_.state = "error";
  ++status_.failures;
  if (!status_.offline_since) status_.offline_since = status_.last_attempt;
  status_.last_error = message;
  status_.last_error_code = feed::failure_code(failure);
  retry_after_ = retry_after;
  log::warn("sync: " + message);
}

SyncOutcome SyncEngine::sync_once() {
  SyncOutcome out;
  status_.last_attempt = clock_();
  retry_after_ = -1;
  jitter_ = std::uniform_real_distribution<double>(0, 1)(random_);
  struct DeadlineGuard {
    HttpClient& http;
    ~DeadlineGuard() { http.clear_deadline(); }
  } deadline_guard{http_};
  const double deadline_s = config_.deadline_s;
  http_.set_deadline(
      std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long long>(deadline_s * 1000)),
      "this sync ran past its " + std::to_string(static_cast<long long>(deadline_s)) +
          " s deadline (sync.deadline_s in kiosk.json): the network is too slow for this feed. What "
          "arrived is kept and the next attempt carries on");
  try {
    run(out);
    status_.state = out.applied ? "updated" : "up_to_date";
    status_.failures = 0;
    status_.offline_since.reset();
    status_.last_success = status_.last_attempt;
    status_.last_error.clear();
    status_.last_error_code.clear();
    if (out.applied) log::info("sync: version " + std::to_string(out.version) + " applied");
  } catch (const FeedError& e) {
    fail(e.failure(), e.what(), e.retry_after());
    out.failure = e.failure();
  } catch (const store::SqliteError& e) {
    const Failure f = e.disk_full() ? Failure::disk_full : Failure::storage;
    fail(f,
         e.disk_full()
             ? std::string("disk full: the new version could not be saved, the previous one stays (") +
                   e.what() + ")"
             : std::string("the content database could not be written: ") + e.what(),
         -1);
    out.failure = f;
  } catch (const platform::FileError& e) {
    const Failure f = e.disk_full() ? Failure::disk_full : Failure::storage;
    fail(f,
         e.disk_full() ? std::string("disk full: ") + e.what()
                       : std::string("cannot store a downloaded file: ") + e.what(),
         -1);
    out.failure = f;
  } catch (const std::exception& e) {
    fail(Failure::storage, std::string("sync failed: ") + e.what(), -1);
    out.failure = Failure::storage;
  }
  status_.next_attempt = status_.last_attempt + static_cast<content::UnixSeconds>(next_delay(false));
  save_status(out.applied || out.failure.has_value());
  return out;
}

void SyncEngine::save_status(bool force) {
  const bool changed = status_.last_error != saved_error_;
  if (!force && !changed && status_.last_attempt - status_saved_ < kStatusSaveEvery) return;
  try {
    store_.set_state("status", status_.to_json());
    status_saved_ = status_.last_attempt;
    saved_error_ = status_.last_error;
  } catch (const std::exception&) {
    // A full disk must not turn a reported failure into a crash; the status stays in memory.
  }
}

}  // namespace kiosk::sync

#include "console/core/publisher.hpp"

#include <malloc.h>

#include <map>

#include "console/core/audit.hpp"
#include "console/core/content_dir.hpp"
#include "console/core/item_check.hpp"
#include "platform/files.hpp"
#include "platform/log.hpp"
#include "sync/content/sha256.hpp"
#include "sync/feed/publish.hpp"

namespace kiosk::console {
namespace fs = std::filesystem;
using content::Collection;
using nlohmann::json;

namespace {

constexpr const char* kImages = "images";

using ItemSet = PublishedSet;
using Entry = PublishedEntry;

json image_json(const content::ImageRef& i) {
  return json{
      {"name", i.name}, {"sha256", i.sha256}, {"bytes", i.bytes}, {"width", i.width}, {"height", i.height}};
}

ItemSet item_set(const content::Content& c) {
  ItemSet set;
  for (Collection col : content::kAllCollections) {
    std::int64_t ord = 0;
    for (const json& item : collection_items(col, c)) {
      const std::string id = col == Collection::meta ? kMetaId : item.at("id").get<std::string>();
      std::string body = item.dump();
      set[{std::string(content::collection_name(col)), id}] =
          Entry{ord++, content::sha256_hex(body), std::move(body)};
    }
  }
  std::int64_t ord = 0;
  for (const auto& image : c.images) {
    std::string body = image_json(image).dump();
    set[{kImages, image.name}] = Entry{ord++, content::sha256_hex(body), std::move(body)};
  }
  return set;
}

ItemSet stored_set(store::Database& db, std::int64_t version) {
  ItemSet set;
  auto st = db.prepare(
      "SELECT p.collection, p.id, p.ord, p.sha256, b.body FROM publication_items p "
      "JOIN bodies b ON b.sha256 = p.sha256 WHERE p.version=?1");
  st.bind(1, version);
  while (st.step()) set[{st.text(0), st.text(1)}] = Entry{st.int64(2), st.text(3), st.text(4)};
  return set;
}

std::string title_of(const std::string& body) {
  try {
    const json j = json::parse(body);
    for (const char* key : {"title", "name"}) {
      auto it = j.find(key);
      if (it != j.end() && it->is_object()) return it->value("zh", std::string());
    }
    if (j.contains("label") && j["label"].is_string()) return j["label"].get<std::string>();
  } catch (const std::exception&) {
  }
  return {};
}

// Desk status and urgent notices reach the kiosks by themselves (the desk board, the urgent page), so
// "what publishing would change" leaves them out: a desk compares without its live status, and an
// urgent notice not at all (empty).
std::string comparable(const std::string& collection, const std::string& body) {
  if (collection == "desks") {
    json j = json::parse(body);
    for (const char* live : {"status", "status_at", "until"}) j.erase(live);
    return j.dump();
  }
  if (collection == "notices" && json::parse(body).value("priority", "") == "urgent") return {};
  return body;
}

std::vector<DiffEntry> diff_sets(const ItemSet& before, const ItemSet& after) {
  std::vector<DiffEntry> out;
  for (const auto& [key, entry] : after) {
    const std::string now = comparable(key.first, entry.body);
    auto it = before.find(key);
    const std::string was = it == before.end() ? std::string() : comparable(key.first, it->second.body);
    if (now.empty() && was.empty()) continue;
    if (it == before.end() || was.empty()) {
      out.push_back({DiffEntry::Kind::added, key.first, key.second, title_of(entry.body)});
    } else if (now.empty()) {
      out.push_back({DiffEntry::Kind::removed, key.first, key.second, title_of(it->second.body)});
    } else if (was != now) {
      out.push_back({DiffEntry::Kind::changed, key.first, key.second, title_of(entry.body)});
    }
  }
  for (const auto& [key, entry] : before) {
    if (!after.count(key) && !comparable(key.first, entry.body).empty()) {
      out.push_back({DiffEntry::Kind::removed, key.first, key.second, title_of(entry.body)});
    }
  }
  return out;
}

// The draft as stored: canonical bodies straight from the rows, nothing parsed.
ItemSet draft_set(store::Database& db) {
  ItemSet set;
  auto st = db.prepare("SELECT collection, id, ord, body FROM items");
  while (st.step()) set[{st.text(0), st.text(1)}] = Entry{st.int64(2), {}, st.text(3)};
  auto img = db.prepare("SELECT name, sha256, bytes, width, height FROM images ORDER BY name");
  std::int64_t ord = 0;
  while (img.step()) {
    const content::ImageRef i{img.text(0), img.text(1), img.int64(2), img.integer(3), img.integer(4)};
    set[{kImages, i.name}] = Entry{ord++, {}, image_json(i).dump()};
  }
  return set;
}

// The newest version whose items the console keeps (desk batches keep none: they change desks only).
std::optional<std::int64_t> latest_full_version(store::Database& db) {
  auto st = db.prepare("SELECT max(version) FROM publication_items");
  if (st.step() && !st.is_null(0)) return st.int64(0);
  return std::nullopt;
}

int count_kind(const std::vector<DiffEntry>& diff, DiffEntry::Kind kind) {
  int n = 0;
  for (const auto& d : diff) n += d.kind == kind;
  return n;
}

// A copy of a content directory made of hard links: a batch rewrites two files of it, never the original.
void link_tree(const fs::path& from, const fs::path& to) {
  fs::remove_all(to);
  for (const auto& entry : fs::recursive_directory_iterator(from)) {
    const fs::path target = to / fs::relative(entry.path(), from);
    if (entry.is_directory()) {
      fs::create_directories(target);
    } else {
      fs::create_directories(target.parent_path());
      fs::create_hard_link(entry.path(), target);
    }
  }
}

}  // namespace

Publisher::Publisher(ConsoleDb& db, ItemStore& items, PublisherConfig config, Clock clock)
    : db_(db), items_(items), config_(std::move(config)), clock_(std::move(clock)) {}

Publisher::~Publisher() {
  {
    std::lock_guard lock(wake_mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

fs::path Publisher::published_dir() const {
  return db_.data_dir() / "published";
}

std::vector<DiffEntry> Publisher::changes_since_last() {
  // Two reads under the lock; the comparison runs outside it.
  auto [draft, stored] = db_.with([&](store::Database& db) {
    const auto full = latest_full_version(db);
    return std::make_pair(draft_set(db), full ? stored_set(db, *full) : ItemSet{});
  });
  return diff_sets(stored, draft);
}

std::optional<content::Content> Publisher::publication_content(std::int64_t version) {
  const ItemSet set = db_.with([&](store::Database& db) { return stored_set(db, version); });
  if (set.empty()) return std::nullopt;
  std::vector<ItemRecord> records;
  std::vector<std::pair<std::int64_t, content::ImageRef>> images;
  for (const auto& [key, entry] : set) {
    if (key.first == kImages) {
      const json j = json::parse(entry.body);
      images.push_back({entry.ord, content::ImageRef{j.at("name"), j.at("sha256"), j.at("bytes"),
                                                     j.at("width"), j.at("height")}});
      continue;
    }
    ItemRecord r;
    r.collection = content::collection_from_name(key.first).value_or(Collection::events);
    r.id = key.second;
    r.ord = entry.ord;
    r.body = entry.body;
    records.push_back(std::move(r));
  }
  std::sort(records.begin(), records.end(), [](const ItemRecord& a, const ItemRecord& b) {
    return std::tie(a.collection, a.ord) < std::tie(b.collection, b.ord);
  });
  std::sort(images.begin(), images.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  content::Content c = content_from_records(records);
  for (auto& [ord, image] : images) c.images.push_back(std::move(image));
  return c;
}

PublishOutcome Publisher::publish_content(const Principal& who, const content::Content& content,
                                          const std::string& reason) {
  const fs::path staging = db_.data_dir() / "staging";
  try {
    fs::remove_all(staging);
    write_content_dir(content, db_.image_dir(), staging);
  } catch (const std::exception& e) {
    PublishOutcome out;
    out.error = std::string("publishing failed, the kiosks keep the previous version: ") + e.what();
    return out;
  }
  const ItemSet items = item_set(content);
  return publish_dir(who, staging, reason, &items, 0);
}

PublishOutcome Publisher::publish_dir(const Principal& who, const fs::path& dir, const std::string& reason,
                                      const ItemSet* items, int changed) {
  PublishOutcome out;
  const content::UnixSeconds now = clock_();
  feed::PublishReport report;
  try {
    feed::PublishOptions options;
    options.now = now;
    options.timestamp_lifetime = config_.timestamp_lifetime;
    options.keep_versions = config_.keep_versions;
    report = feed::publish(dir, config_.keys_dir, config_.feed_dir, options);
    // The published directory is always the content of the feed's current version.
    if (report.published && dir != published_dir()) {
      fs::remove_all(published_dir());
      fs::rename(dir, published_dir());
    }
  } catch (const std::exception& e) {
    out.error = std::string("publishing failed, the kiosks keep the previous version: ") + e.what();
    log::error(out.error);
  }
  std::error_code ec;
  if (dir != published_dir()) fs::remove_all(dir, ec);
  ::malloc_trim(0);  // a publish of 20k items peaks at ~100 MB; give it back to the system
  if (!out.error.empty()) return out;
  if (!report.published) {
    out.problems = report.problems;
    return out;
  }
  out.ok = true;
  out.new_version = report.new_version;
  out.version = report.version;
  if (!report.new_version) return out;
  db_.with([&](store::Database& db) {
    if (items) {
      const auto previous = latest_full_version(db);
      out.diff = diff_sets(previous ? stored_set(db, *previous) : ItemSet{}, *items);
    }
    store::Transaction tx(db);
    db.prepare(
          "INSERT OR REPLACE INTO publications(version, published_at, published_by, reason, added, changed, "
          "removed) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind_all(report.version, now, who.name, reason, count_kind(out.diff, DiffEntry::Kind::added),
                  items ? count_kind(out.diff, DiffEntry::Kind::changed) : changed,
                  count_kind(out.diff, DiffEntry::Kind::removed))
        .run();
    if (items) {
      auto body = db.prepare("INSERT OR IGNORE INTO bodies(sha256, body) VALUES(?1, ?2)");
      auto item = db.prepare(
          "INSERT INTO publication_items(version, collection, id, ord, sha256) VALUES(?1, ?2, ?3, ?4, ?5)");
      for (const auto& [key, entry] : *items) {
        body.bind_all(entry.sha, entry.body).run();
        body.reset();
        item.bind_all(report.version, key.first, key.second, entry.ord, entry.sha).run();
        item.reset();
      }
      // Old versions stay in the history; only their items go, and bodies no version uses any more.
      db.prepare("DELETE FROM publication_items WHERE version <= ?1")
          .bind_all(report.version - config_.keep_restorable)
          .run();
      db.exec("DELETE FROM bodies WHERE sha256 NOT IN (SELECT DISTINCT sha256 FROM publication_items)");
    }
    audit_append(db, who, now, "publish", "version " + std::to_string(report.version), "",
                 reason + " (" + std::to_string(items ? out.diff.size() : static_cast<std::size_t>(changed)) +
                     " items changed)");
    tx.commit();
  });
  log::info("published version " + std::to_string(report.version) + " (" + reason + ")");
  return out;
}

PublishOutcome Publisher::publish_draft(const Principal& who, const std::string& reason) {
  if (!who.at_least(Role::publisher)) {
    PublishOutcome out;
    out.error = who.name + " may not publish (needs role publisher)";
    return out;
  }
  std::lock_guard lock(publish_mutex_);
  return publish_content(who, items_.draft(), reason.empty() ? "published by " + who.name : reason);
}

PublishOutcome Publisher::restore(const Principal& who, std::int64_t version) {
  PublishOutcome out;
  if (!who.at_least(Role::publisher)) {
    out.error = who.name + " may not restore versions (needs role publisher)";
    return out;
  }
  std::lock_guard lock(publish_mutex_);
  const auto content = publication_content(version);
  if (!content) {
    out.error = "version " + std::to_string(version) + " is no longer kept (the console keeps the last " +
                std::to_string(config_.keep_restorable) + " full versions; desk batches are not restorable)";
    return out;
  }
  out = publish_content(who, *content, "restore of version " + std::to_string(version));
  if (out.ok) items_.replace_all(who, *content, "restore", clock_());
  return out;
}

PublishOutcome Publisher::publish_immediate() {
  std::lock_guard lock(publish_mutex_);
  PublishOutcome out;
  if (!fs::exists(published_dir())) {
    // A console upgraded or restored from a backup: rebuild the directory from the kept items.
    const auto full = db_.with([](store::Database& db) { return latest_full_version(db); });
    const auto base = full ? publication_content(*full) : std::nullopt;
    if (!base) {
      out.error = "nothing has been published yet: desk and urgent changes wait for the first publish";
      return out;
    }
    write_content_dir(*base, db_.image_dir(), published_dir());
  }
  // Only desks.json and notices.json change: read them from the published copy, take the draft's
  // live desk status and urgent notices, write them into a hard-linked copy, publish that.
  const fs::path staging = db_.data_dir() / "staging";
  content::Content base;
  content::Issues issues;
  for (Collection c : {Collection::desks, Collection::notices}) {
    content::parse_collection(c, content::collection_file(c),
                              platform::read_file(published_dir() / content::collection_file(c), 64 << 20),
                              base, issues);
  }
  content::Content draft = content_from_records(items_.list(Collection::desks));
  const content::Content draft_notices = content_from_records(items_.list(Collection::notices));
  std::map<std::string, const content::Desk*> desks;
  for (const auto& d : draft.desks) desks[d.id] = &d;
  int changed = 0;
  for (auto& d : base.desks) {
    auto it = desks.find(d.id);
    if (it == desks.end()) continue;
    if (d.status != it->second->status || d.status_at != it->second->status_at ||
        d.until != it->second->until)
      ++changed;
    d.status = it->second->status;
    d.status_at = it->second->status_at;
    d.until = it->second->until;
  }
  std::erase_if(base.notices,
                [](const content::Notice& n) { return n.priority == content::NoticePriority::urgent; });
  for (const auto& n : draft_notices.notices) {
    if (n.priority == content::NoticePriority::urgent) base.notices.push_back(n), ++changed;
  }
  try {
    link_tree(published_dir(), staging);
    write_collection_file(base, Collection::desks, staging);
    write_collection_file(base, Collection::notices, staging);
  } catch (const std::exception& e) {
    out.error = std::string("desk batch not published: ") + e.what();
    return out;
  }
  return publish_dir(system_principal("immediate"), staging, "desk status and urgent notices", nullptr,
                     changed);
}

PublishOutcome Publisher::resign() {
  std::lock_guard lock(publish_mutex_);
  PublishOutcome out;
  feed::PublishOptions options;
  options.now = clock_();
  options.timestamp_lifetime = config_.timestamp_lifetime;
  try {
    if (auto version = feed::resign_timestamp(config_.keys_dir, config_.feed_dir, options)) {
      out.ok = true;
      out.version = *version;
      return out;
    }
  } catch (const std::exception& e) {
    out.error = std::string("re-signing the timestamp failed: ") + e.what();
    return out;
  }
  // The manifest itself is about to expire (or nothing is published): publish the current content again.
  if (!fs::exists(published_dir())) return out;
  return publish_dir(system_principal("timestamp"), published_dir(), "manifest renewed before it expires",
                     nullptr, 0);
}

std::vector<Publication> Publisher::history(int limit) {
  return db_.with([&](store::Database& db) {
    std::vector<Publication> out;
    auto st = db.prepare(
        "SELECT version, published_at, published_by, reason, added, changed, removed, "
        "EXISTS(SELECT 1 FROM publication_items i WHERE i.version = p.version) "
        "FROM publications p ORDER BY version DESC LIMIT ?1");
    st.bind(1, limit);
    while (st.step()) {
      out.push_back({st.int64(0), st.int64(1), st.text(2), st.text(3), st.integer(4), st.integer(5),
                     st.integer(6), st.int64(7) != 0});
    }
    return out;
  });
}

std::optional<Publication> Publisher::latest() {
  auto h = history(1);
  return h.empty() ? std::nullopt : std::optional<Publication>(h.front());
}

void Publisher::start() {
  thread_ = std::thread([this] { run(); });
}

void Publisher::notify_immediate() {
  {
    std::lock_guard lock(wake_mutex_);
    if (dirty_) return;  // already batched: the batch's window does not move
    dirty_ = true;
    dirty_since_ = std::chrono::steady_clock::now();
  }
  wake_.notify_all();
}

void Publisher::run() {
  using namespace std::chrono;
  const auto window = duration_cast<steady_clock::duration>(duration<double>(config_.batch_window_s));
  auto next_resign = steady_clock::now();  // once at start: a console that was down may have let it age
  std::unique_lock lock(wake_mutex_);
  while (!stop_) {
    const bool was_dirty = dirty_;
    const auto deadline = dirty_ ? std::min(next_resign, dirty_since_ + window) : next_resign;
    wake_.wait_until(lock, deadline, [&] { return stop_ || dirty_ != was_dirty; });
    if (stop_) break;
    const auto now = steady_clock::now();
    const bool batch_due = dirty_ && now >= dirty_since_ + window;
    const bool resign_due = now >= next_resign;
    if (!batch_due && !resign_due) continue;  // a new batch started: wait for its window
    if (batch_due) dirty_ = false;
    lock.unlock();
    try {
      if (batch_due) {
        const auto out = publish_immediate();
        if (!out.ok && !out.error.empty()) log::warn(out.error);
        for (const auto& p : out.problems) log::warn("desk batch not published: " + p);
      }
      if (resign_due) {
        const auto out = resign();
        if (!out.ok && !out.error.empty()) log::warn(out.error);
      }
    } catch (const std::exception& e) {
      log::error(std::string("background publishing: ") + e.what());
    }
    lock.lock();
    if (resign_due) next_resign = steady_clock::now() + seconds(config_.resign_interval);
  }
}

}  // namespace kiosk::console

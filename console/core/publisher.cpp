#include "console/core/publisher.hpp"

#include <map>

#include "console/core/audit.hpp"
#include "console/core/content_dir.hpp"
#include "console/core/item_check.hpp"
#include "platform/log.hpp"
#include "sync/content/sha256.hpp"
#include "sync/feed/publish.hpp"

namespace kiosk::console {
namespace fs = std::filesystem;
using content::Collection;
using nlohmann::json;

namespace {

constexpr const char* kImages = "images";

struct Entry {
  std::int64_t ord = 0;
  std::string sha, body;
};
// (collection, id) -> entry: one publication's items and images.
using ItemSet = std::map<std::pair<std::string, std::string>, Entry>;

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

std::vector<DiffEntry> diff_sets(const ItemSet& before, const ItemSet& after) {
  std::vector<DiffEntry> out;
  for (const auto& [key, entry] : after) {
    auto it = before.find(key);
    if (it == before.end()) {
      out.push_back({DiffEntry::Kind::added, key.first, key.second, title_of(entry.body)});
    } else if (it->second.sha != entry.sha) {
      out.push_back({DiffEntry::Kind::changed, key.first, key.second, title_of(entry.body)});
    }
  }
  for (const auto& [key, entry] : before) {
    if (!after.count(key))
      out.push_back({DiffEntry::Kind::removed, key.first, key.second, title_of(entry.body)});
  }
  return out;
}

std::optional<std::int64_t> latest_version(store::Database& db) {
  auto st = db.prepare("SELECT max(version) FROM publications");
  if (st.step() && !st.is_null(0)) return st.int64(0);
  return std::nullopt;
}

int count_kind(const std::vector<DiffEntry>& diff, DiffEntry::Kind kind) {
  int n = 0;
  for (const auto& d : diff) n += d.kind == kind;
  return n;
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

std::vector<DiffEntry> Publisher::changes_since_last() {
  const ItemSet draft = item_set(items_.draft());
  return db_.with([&](store::Database& db) {
    const auto version = latest_version(db);
    return diff_sets(version ? stored_set(db, *version) : ItemSet{}, draft);
  });
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
  std::lock_guard lock(publish_mutex_);
  PublishOutcome out;
  const content::UnixSeconds now = clock_();
  const fs::path staging = db_.data_dir() / "staging";
  feed::PublishReport report;
  try {
    fs::remove_all(staging);
    write_content_dir(content, db_.image_dir(), staging);
    feed::PublishOptions options;
    options.now = now;
    options.timestamp_lifetime = config_.timestamp_lifetime;
    options.keep_versions = config_.keep_versions;
    report = feed::publish(staging, config_.keys_dir, config_.feed_dir, options);
  } catch (const std::exception& e) {
    out.error = std::string("publishing failed, the kiosks keep the previous version: ") + e.what();
    log::error(out.error);
    return out;
  }
  std::error_code ec;
  fs::remove_all(staging, ec);
  if (!report.published) {
    out.problems = report.problems;
    return out;
  }
  out.ok = true;
  out.new_version = report.new_version;
  out.version = report.version;
  if (!report.new_version) return out;
  const ItemSet published = item_set(content);
  db_.with([&](store::Database& db) {
    const auto previous = latest_version(db);
    out.diff = diff_sets(previous ? stored_set(db, *previous) : ItemSet{}, published);
    store::Transaction tx(db);
    db.prepare(
          "INSERT OR REPLACE INTO publications(version, published_at, published_by, reason, added, changed, "
          "removed) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind_all(report.version, now, who.name, reason, count_kind(out.diff, DiffEntry::Kind::added),
                  count_kind(out.diff, DiffEntry::Kind::changed),
                  count_kind(out.diff, DiffEntry::Kind::removed))
        .run();
    auto body = db.prepare("INSERT OR IGNORE INTO bodies(sha256, body) VALUES(?1, ?2)");
    auto item = db.prepare(
        "INSERT INTO publication_items(version, collection, id, ord, sha256) VALUES(?1, ?2, ?3, ?4, ?5)");
    for (const auto& [key, entry] : published) {
      body.bind_all(entry.sha, entry.body).run();
      body.reset();
      item.bind_all(report.version, key.first, key.second, entry.ord, entry.sha).run();
      item.reset();
    }
    // Old versions stay in the history; only their items go, and bodies no version uses any more.
    db.prepare("DELETE FROM publication_items WHERE version <= ?1")
        .bind_all(report.version - config_.keep_restorable)
        .run();
    if (report.version % 10 == 0) {
      db.exec("DELETE FROM bodies WHERE sha256 NOT IN (SELECT DISTINCT sha256 FROM publication_items)");
    }
    audit_append(db, who, now, "publish", "version " + std::to_string(report.version), "",
                 reason + " (" + std::to_string(out.diff.size()) + " items changed)");
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
  return publish_content(who, items_.draft(), reason.empty() ? "published by " + who.name : reason);
}

PublishOutcome Publisher::restore(const Principal& who, std::int64_t version) {
  PublishOutcome out;
  if (!who.at_least(Role::publisher)) {
    out.error = who.name + " may not restore versions (needs role publisher)";
    return out;
  }
  const auto content = publication_content(version);
  if (!content) {
    out.error = "version " + std::to_string(version) + " is no longer kept (the console keeps the last " +
                std::to_string(config_.keep_restorable) + " versions)";
    return out;
  }
  out = publish_content(who, *content, "restore of version " + std::to_string(version));
  if (out.ok) items_.replace_all(who, *content, "restore", clock_());
  return out;
}

PublishOutcome Publisher::publish_immediate() {
  const auto version = db_.with([](store::Database& db) { return latest_version(db); });
  PublishOutcome out;
  std::optional<content::Content> base = version ? publication_content(*version) : std::nullopt;
  if (!base) {
    out.error = "nothing has been published yet: desk and urgent changes wait for the first publish";
    return out;
  }
  const content::Content draft = items_.draft();
  std::map<std::string, const content::Desk*> desks;
  for (const auto& d : draft.desks) desks[d.id] = &d;
  for (auto& d : base->desks) {
    auto it = desks.find(d.id);
    if (it == desks.end()) continue;
    d.status = it->second->status;
    d.status_at = it->second->status_at;
    d.until = it->second->until;
  }
  std::erase_if(base->notices,
                [](const content::Notice& n) { return n.priority == content::NoticePriority::urgent; });
  for (const auto& n : draft.notices) {
    if (n.priority == content::NoticePriority::urgent) base->notices.push_back(n);
  }
  return publish_content(system_principal("immediate"), *base, "desk status and urgent notices");
}

PublishOutcome Publisher::resign() {
  const auto version = db_.with([](store::Database& db) { return latest_version(db); });
  const auto content = version ? publication_content(*version) : std::nullopt;
  if (!content) return {};
  return publish_content(system_principal("timestamp"), *content, "timestamp re-signed");
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

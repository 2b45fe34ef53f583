#include "console/core/fleet.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "console/core/audit.hpp"
#include "console/core/secrets.hpp"
#include "platform/files.hpp"
#include "platform/log.hpp"
#include "sync/content/image_probe.hpp"

namespace kiosk::console {
namespace {

using nlohmann::json;

// No I/O/1/0: a code is read off a screen and typed on a touch keyboard. 32 symbols, 8 of them:
// 2^40 codes, with pairing attempts rate-limited per address.
constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
constexpr std::size_t kCodeLength = 8;
constexpr content::UnixSeconds kFlushEvery = 30;
constexpr content::UnixSeconds kRetentionEvery = 3600;
constexpr content::UnixSeconds kCommandTtl = 3600;  // a screenshot asked for an hour ago is no use
constexpr std::size_t kPublicationsCached = 20000;

std::string flags_text(const std::vector<KioskState>& flags) {
  std::string out;
  for (KioskState s : flags) out += (out.empty() ? "" : ",") + std::string(kiosk_state_name(s));
  return out;
}

std::string normalise_code(const std::string& code) {
  std::string out;
  for (unsigned char ch : code) {
    if (std::isalnum(ch)) out.push_back(static_cast<char>(std::toupper(ch)));
  }
  return out;
}

bool image_magic(const std::string& mime, const std::string& bytes) {
  if (mime == "image/png") return bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0;
  if (mime == "image/jpeg") return bytes.size() > 3 && bytes.rfind("\xff\xd8\xff", 0) == 0;
  return false;
}

// Kiosks added, paired or revoked by another process (the CLI while `serve` runs) are noticed by the
// server's monitor through this counter.
void bump_changes(store::Database& db) {
  db.exec(
      "INSERT INTO settings(key, value) VALUES('fleet_changes', '1') ON CONFLICT(key) DO UPDATE SET "
      "value=CAST(value AS INTEGER)+1");
}

}  // namespace

bool valid_kiosk_id(const std::string& id) {
  if (id.empty() || id.size() > 48) return false;
  for (unsigned char ch : id) {
    if (!(std::islower(ch) || std::isdigit(ch) || ch == '-' || ch == '_')) return false;
  }
  return true;
}

Fleet::Fleet(ConsoleDb& db, FleetPolicy policy, Clock clock)
    : db_(db), policy_(policy), clock_(std::move(clock)) {
  load();
}

void Fleet::load() {
  changes_seen_ = db_.setting("fleet_changes");
  refresh_publications();
  const auto now = clock_();
  db_.with([&](store::Database& db) {
    auto st = db.prepare(
        "SELECT id, space, added_at, pair_expires, token_hash, paired_at, revoked_at, last_seen, "
        "heartbeat_s, "
        "facts, state, state_since FROM kiosks");
    while (st.step()) {
      Kiosk k;
      k.s.id = st.text(0);
      k.s.space = st.text(1);
      k.s.added_at = st.int64(2);
      k.s.pair_expires = st.is_null(3) ? 0 : st.int64(3);
      k.token_hash = st.is_null(4) ? "" : st.text(4);
      k.s.paired_at = st.is_null(5) ? 0 : st.int64(5);
      k.revoked = !st.is_null(6);
      k.s.last_seen = st.int64(7);
      k.s.heartbeat_s = st.real(8);
      k.s.facts = json::parse(st.text(9), nullptr, false);
      if (k.s.facts.is_discarded()) k.s.facts = json::object();
      k.s.state = kiosk_state_from_name(st.text(10)).value_or(KioskState::pairing);
      k.s.state_since = st.int64(11);
      if (!k.token_hash.empty() && !k.revoked) by_token_[k.token_hash] = k.s.id;
      kiosks_.emplace(k.s.id, std::move(k));
    }
    auto cmd = db.prepare(
        "SELECT id, kiosk_id, created_at, kind FROM kiosk_commands WHERE sent_at IS NULL AND done_at IS NULL "
        "ORDER BY id");
    while (cmd.step()) {
      auto it = kiosks_.find(cmd.text(1));
      if (it != kiosks_.end() && now - cmd.int64(2) < kCommandTtl) {
        it->second.queued.push_back(Kiosk::Queued{cmd.int64(0), cmd.text(3), cmd.int64(2)});
      }
    }
  });
  // No alert storm when the console restarts: what holds now was already known (or is news to
  // nobody who could act on it faster than the next change).
  for (auto& [id, k] : kiosks_) {
    reassess(k, now);
    k.alerted = alert_level(Assessment{k.s.state, k.s.flags});
  }
  events_.clear();  // re-assessing at start is not a state change anybody caused
}

std::string Fleet::add_kiosk(const std::string& id, const std::string& space, const Principal& by) {
  if (!valid_kiosk_id(id)) {
    throw std::runtime_error("\"" + id +
                             "\" is not a usable kiosk id: lowercase letters, digits, '-' and '_', up to 48");
  }
  if (!space.empty() && !valid_kiosk_id(space))
    throw std::runtime_error("\"" + space + "\" is not a space id");
  const auto now = clock_();
  const std::string code = random_code(kCodeLength, kCodeAlphabet);
  const content::UnixSeconds expires = now + policy_.pair_code_ttl_s;
  db_.with([&](store::Database& db) {
    store::Transaction tx(db);
    db.prepare(
          "INSERT INTO kiosks(id, space, added_at, added_by, pair_code_hash, pair_expires, state, "
          "state_since) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, 'pairing', ?3) ON CONFLICT(id) DO UPDATE SET space=excluded.space, "
          "pair_code_hash=excluded.pair_code_hash, pair_expires=excluded.pair_expires")
        .bind_all(id, space, now, by.name, secret_hash(code), expires)
        .run();
    bump_changes(db);
    audit_append(db, by, now, "kiosk.add", "kiosk/" + id, "",
                 json{{"space", space}, {"code_expires", expires}}.dump());
    tx.commit();
  });
  std::lock_guard lock(mutex_);
  auto [it, fresh] = kiosks_.try_emplace(id);
  Kiosk& k = it->second;
  if (fresh) {
    k.s.id = id;
    k.s.added_at = now;
    k.s.state_since = now;
    k.s.heartbeat_s = policy_.default_heartbeat_s;
  }
  k.s.space = space;
  k.s.pair_expires = expires;
  return code;
}

bool Fleet::revoke(const std::string& id, const Principal& by) {
  const auto now = clock_();
  {
    std::lock_guard lock(mutex_);
    auto it = kiosks_.find(id);
    if (it == kiosks_.end()) return false;
    Kiosk& k = it->second;
    by_token_.erase(k.token_hash);
    k.revoked = true;
    k.s.pair_expires = 0;
    k.queued.clear();
    reassess(k, now);
  }
  db_.with([&](store::Database& db) {
    store::Transaction tx(db);
    db.prepare(
          "UPDATE kiosks SET revoked_at=?2, pair_code_hash=NULL, pair_expires=NULL, state='revoked', "
          "state_since=?2 WHERE id=?1")
        .bind_all(id, now)
        .run();
    bump_changes(db);
    audit_append(db, by, now, "kiosk.revoke", "kiosk/" + id, "", "");
    tx.commit();
  });
  return true;
}

std::optional<PairGrant> Fleet::pair(const std::string& code, const std::string& origin) {
  const std::string normal = normalise_code(code);
  if (normal.size() != kCodeLength) return std::nullopt;
  const auto now = clock_();
  const std::string token = random_hex(32);
  const std::string token_hash = secret_hash(token);
  std::optional<std::string> id;
  std::string space;
  content::UnixSeconds added_at = 0;
  db_.with([&](store::Database& db) {
    store::Transaction tx(db);
    auto st =
        db.prepare("SELECT id, space, added_at FROM kiosks WHERE pair_code_hash=?1 AND pair_expires>=?2");
    st.bind_all(secret_hash(normal), now);
    if (!st.step()) return;
    id = st.text(0);
    space = st.text(1);
    added_at = st.int64(2);
    // The code is spent by this statement: a replay finds nothing. A new token replaces the old one.
    db.prepare(
          "UPDATE kiosks SET pair_code_hash=NULL, pair_expires=NULL, token_hash=?2, paired_at=?3, "
          "revoked_at=NULL, "
          "last_seen=0, facts='{}', state='pairing', state_since=?3 WHERE id=?1")
        .bind_all(*id, token_hash, now)
        .run();
    Principal kiosk = system_principal("kiosk:" + *id);
    kiosk.origin = origin;
    bump_changes(db);
    audit_append(db, kiosk, now, "kiosk.pair", "kiosk/" + *id, "", "");
    tx.commit();
  });
  if (!id) return std::nullopt;
  std::lock_guard lock(mutex_);
  Kiosk& k = kiosks_[*id];
  k.s.id = *id;
  k.s.space = space;
  k.s.added_at = added_at;
  by_token_.erase(k.token_hash);
  k.token_hash = token_hash;
  by_token_[token_hash] = *id;
  k.revoked = false;
  k.s.paired_at = now;
  k.s.pair_expires = 0;
  k.s.last_seen = 0;
  k.s.facts = json::object();
  k.s.heartbeat_s = policy_.default_heartbeat_s;
  k.alerted = "ok";
  reassess(k, now);
  return PairGrant{*id, token, k.s.heartbeat_s};
}

BeatResult Fleet::beat(const std::string& token, const json& report) {
  BeatResult r;
  if (!report.is_object()) {
    return BeatResult{400, "bad_request", "a heartbeat is a JSON object", {}};
  }
  const auto now = clock_();
  const std::string hash = secret_hash(token);
  std::lock_guard lock(mutex_);
  auto t = by_token_.find(hash);
  if (t == by_token_.end())
    return BeatResult{401, "unauthorized", "this kiosk's token is unknown or revoked: pair it again", {}};
  Kiosk& k = kiosks_.at(t->second);
  const auto claimed = report.find("kiosk_id");
  if (claimed == report.end() || !claimed->is_string() || claimed->get<std::string>() != k.s.id) {
    return BeatResult{
        403,
        "wrong_kiosk",
        "this token belongs to kiosk \"" + k.s.id + "\", not to the kiosk named in the heartbeat",
        {}};
  }
  if (auto results = report.find("results"); results != report.end() && results->is_array()) {
    for (const auto& x : *results) {
      if (!x.is_object() || !x.contains("id") || !x["id"].is_number_integer()) continue;
      results_.push_back(PendingResult{x["id"].get<std::int64_t>(), k.s.id,
                                       x.value("result", std::string("done")),
                                       x.value("reason", std::string()), now});
    }
  }
  k.s.facts = report;
  k.s.facts.erase("results");
  k.s.last_seen = now;
  k.dirty = true;
  reassess(k, now);
  json commands = json::array();
  for (const auto& q : k.queued) {
    commands.push_back(json{{"id", q.id}, {"kind", q.kind}});
    sent_.emplace_back(q.id, now);
  }
  k.queued.clear();
  r.reply = json{{"next_s", k.s.heartbeat_s}, {"commands", commands}};
  return r;
}

std::optional<std::int64_t> Fleet::add_command(const std::string& id, const std::string& kind,
                                               const Principal& by) {
  if (kind != "screenshot" && kind != "sync_now") return std::nullopt;
  {
    std::lock_guard lock(mutex_);
    auto it = kiosks_.find(id);
    if (it == kiosks_.end() || it->second.revoked) return std::nullopt;
  }
  const auto now = clock_();
  const std::int64_t command = db_.with([&](store::Database& db) {
    store::Transaction tx(db);
    db.prepare("INSERT INTO kiosk_commands(kiosk_id, kind, created_at, created_by) VALUES(?1, ?2, ?3, ?4)")
        .bind_all(id, kind, now, by.name)
        .run();
    const std::int64_t row = db.scalar_int("SELECT last_insert_rowid()");
    audit_append(db, by, now, "kiosk.command", "kiosk/" + id, "", json{{"id", row}, {"kind", kind}}.dump());
    tx.commit();
    return row;
  });
  std::lock_guard lock(mutex_);
  auto it = kiosks_.find(id);
  if (it != kiosks_.end()) it->second.queued.push_back(Kiosk::Queued{command, kind, now});
  return command;
}

Fleet::Upload Fleet::store_screenshot(const std::string& token, std::int64_t command_id,
                                      const std::string& mime, const std::string& bytes) {
  std::string kiosk_id;
  {
    std::lock_guard lock(mutex_);
    auto t = by_token_.find(secret_hash(token));
    if (t == by_token_.end()) return Upload::unauthorized;
    kiosk_id = t->second;
  }
  if (!image_magic(mime, bytes) || !content::probe_image(bytes)) return Upload::unknown_command;
  const auto now = clock_();
  bool known = db_.with([&](store::Database& db) {
    auto st = db.prepare("SELECT 1 FROM kiosk_commands WHERE id=?1 AND kiosk_id=?2 AND kind='screenshot'");
    st.bind_all(command_id, kiosk_id);
    return st.step();
  });
  if (!known) return Upload::unknown_command;
  const auto dir = db_.screenshot_dir() / kiosk_id;
  std::filesystem::create_directories(dir);
  const std::string file = std::to_string(command_id) + (mime == "image/png" ? ".png" : ".jpg");
  platform::write_file_atomic(dir / file, bytes);
  db_.with([&](store::Database& db) {
    store::Transaction tx(db);
    db.prepare(
          "INSERT OR REPLACE INTO screenshots(command_id, kiosk_id, taken_at, mime, bytes, file) VALUES(?1, "
          "?2, ?3, ?4, ?5, ?6)")
        .bind_all(command_id, kiosk_id, now, mime, static_cast<std::int64_t>(bytes.size()),
                  kiosk_id + "/" + file)
        .run();
    db.prepare("UPDATE kiosk_commands SET done_at=?2, result='done' WHERE id=?1")
        .bind_all(command_id, now)
        .run();
    tx.commit();
  });
  return Upload::stored;
}

std::vector<KioskSummary> Fleet::list() {
  std::vector<KioskSummary> out;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, k] : kiosks_) {
      out.push_back(k.s);
      out.back().pending_commands = static_cast<int>(k.queued.size());
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const KioskSummary& a, const KioskSummary& b) { return a.state < b.state; });
  return out;
}

std::optional<KioskSummary> Fleet::get(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = kiosks_.find(id);
  if (it == kiosks_.end()) return std::nullopt;
  KioskSummary s = it->second.s;
  s.pending_commands = static_cast<int>(it->second.queued.size());
  return s;
}

std::vector<KioskEvent> Fleet::events(const std::string& id, int limit) {
  std::vector<KioskEvent> out;
  {
    std::lock_guard lock(mutex_);  // the newest are still in memory until the next tick
    for (auto e = events_.rbegin(); e != events_.rend(); ++e) {
      if (e->kiosk_id == id) out.push_back(e->event);
    }
  }
  db_.with([&](store::Database& db) {
    auto st =
        db.prepare("SELECT at, state, detail FROM kiosk_events WHERE kiosk_id=?1 ORDER BY id DESC LIMIT ?2");
    st.bind_all(id, limit);
    while (st.step()) out.push_back(KioskEvent{st.int64(0), st.text(1), st.text(2)});
  });
  if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
  return out;
}

std::vector<KioskCommand> Fleet::commands(const std::string& id, int limit) {
  std::vector<KioskCommand> out;
  db_.with([&](store::Database& db) {
    auto st = db.prepare(
        "SELECT id, kind, created_by, coalesce(result, ''), coalesce(reason, ''), created_at, "
        "coalesce(sent_at, 0), "
        "coalesce(done_at, 0) FROM kiosk_commands WHERE kiosk_id=?1 ORDER BY id DESC LIMIT ?2");
    st.bind_all(id, limit);
    while (st.step()) {
      out.push_back(KioskCommand{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.int64(5),
                                 st.int64(6), st.int64(7)});
    }
  });
  return out;
}

std::optional<Screenshot> Fleet::latest_screenshot(const std::string& id) {
  std::optional<Screenshot> shot;
  std::string file;
  db_.with([&](store::Database& db) {
    auto st = db.prepare(
        "SELECT command_id, taken_at, mime, file FROM screenshots WHERE kiosk_id=?1 ORDER BY taken_at DESC, "
        "command_id DESC LIMIT 1");
    st.bind(1, id);
    if (st.step()) {
      shot = Screenshot{st.int64(0), st.int64(1), st.text(2), ""};
      file = st.text(3);
    }
  });
  if (!shot) return std::nullopt;
  try {
    shot->bytes = platform::read_file(db_.screenshot_dir() / file, 2 * 1024 * 1024);
  } catch (const std::exception& e) {
    log::warn("screenshot " + file + ": " + e.what());
    return std::nullopt;
  }
  return shot;
}

void Fleet::reassess(Kiosk& k, content::UnixSeconds now) {
  const std::int64_t version =
      k.s.facts.is_object() && k.s.facts.contains("content") && k.s.facts["content"].is_object()
          ? k.s.facts["content"].value("version", std::int64_t{0})
          : 0;
  const AssessInput in{k.revoked,  !k.token_hash.empty(),      k.s.last_seen, now, k.s.heartbeat_s,
                       &k.s.facts, newer_published_at(version)};
  const Assessment a = assess_kiosk(in, policy_);
  if (a.state != k.s.state) {
    events_.push_back(
        PendingEvent{k.s.id, KioskEvent{now, std::string(kiosk_state_name(a.state)), flags_text(a.flags)}});
    k.s.state_since = now;
    k.dirty = true;
  }
  k.s.state = a.state;
  k.s.flags = a.flags;
}

std::optional<content::UnixSeconds> Fleet::newer_published_at(std::int64_t version) const {
  auto it = publications_.upper_bound(version);
  if (it == publications_.end()) return std::nullopt;
  return it->second;
}

void Fleet::refresh_publications() {
  const std::int64_t known = publications_.empty() ? 0 : publications_.rbegin()->first;
  std::vector<std::pair<std::int64_t, content::UnixSeconds>> fresh;
  db_.with([&](store::Database& db) {
    auto st = db.prepare("SELECT version, published_at FROM publications WHERE version>?1 ORDER BY version");
    st.bind(1, known);
    while (st.step()) fresh.emplace_back(st.int64(0), st.int64(1));
  });
  if (fresh.empty()) return;
  std::lock_guard lock(mutex_);
  for (const auto& [v, at] : fresh) publications_[v] = at;
  while (publications_.size() > kPublicationsCached) publications_.erase(publications_.begin());
}

void Fleet::reload_identities() {
  std::string changes = db_.setting("fleet_changes");
  if (changes == changes_seen_) return;
  struct Row {
    std::string id, space, token_hash;
    bool revoked;
    content::UnixSeconds added_at, paired_at, pair_expires;
  };
  std::vector<Row> rows;
  db_.with([&](store::Database& db) {
    auto st = db.prepare(
        "SELECT id, space, coalesce(token_hash, ''), revoked_at IS NOT NULL, added_at, coalesce(paired_at, "
        "0), "
        "coalesce(pair_expires, 0) FROM kiosks");
    while (st.step())
      rows.push_back(
          Row{st.text(0), st.text(1), st.text(2), st.int64(3) != 0, st.int64(4), st.int64(5), st.int64(6)});
  });
  std::lock_guard lock(mutex_);
  changes_seen_ = changes;
  for (const Row& r : rows) {
    auto [it, fresh] = kiosks_.try_emplace(r.id);
    Kiosk& k = it->second;
    if (fresh) {
      k.s.id = r.id;
      k.s.heartbeat_s = policy_.default_heartbeat_s;
    }
    if (k.token_hash != r.token_hash) {
      by_token_.erase(k.token_hash);
      k.token_hash = r.token_hash;
    }
    k.revoked = r.revoked;
    if (k.revoked) {
      by_token_.erase(k.token_hash);
      k.queued.clear();
    } else if (!k.token_hash.empty()) {
      by_token_[k.token_hash] = r.id;
    }
    k.s.space = r.space;
    k.s.added_at = r.added_at;
    k.s.paired_at = r.paired_at;
    k.s.pair_expires = r.pair_expires;
  }
}

std::vector<Alert> Fleet::tick() {
  reload_identities();
  refresh_publications();
  const auto now = clock_();
  std::vector<Alert> alerts;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, k] : kiosks_) {
      // Commands nobody fetched within the hour are dropped: the moment they were for has passed.
      std::erase_if(k.queued, [&](const Kiosk::Queued& q) { return now - q.at > kCommandTtl; });
      reassess(k, now);
      if (k.revoked || k.token_hash.empty()) continue;
      const std::string level = alert_level(Assessment{k.s.state, k.s.flags});
      if (level == k.alerted || quiet_hours(k.s.facts, now)) continue;
      alerts.push_back(Alert{id, k.s.space, level == "ok" ? "back" : level, k.s.state, now, k.s.last_seen});
      k.alerted = level;
    }
  }
  write_pending(now - flushed_at_ >= kFlushEvery);
  if (now - retention_at_ >= kRetentionEvery) {
    apply_retention(now);
    retention_at_ = now;
  }
  return alerts;
}

void Fleet::flush() {
  write_pending(true);
}

void Fleet::write_pending(bool flush_facts) {
  std::vector<PendingEvent> events;
  std::vector<PendingResult> results;
  std::vector<std::pair<std::int64_t, content::UnixSeconds>> sent;
  std::vector<KioskSummary> dirty;
  {
    std::lock_guard lock(mutex_);
    events.swap(events_);
    results.swap(results_);
    sent.swap(sent_);
    if (flush_facts) {
      for (auto& [id, k] : kiosks_) {
        if (!k.dirty) continue;
        dirty.push_back(k.s);
        k.dirty = false;
      }
      flushed_at_ = clock_();
    }
  }
  if (events.empty() && results.empty() && sent.empty() && dirty.empty()) return;
  try {
    db_.with([&](store::Database& db) {
      store::Transaction tx(db);
      auto ev = db.prepare("INSERT INTO kiosk_events(kiosk_id, at, state, detail) VALUES(?1, ?2, ?3, ?4)");
      for (const auto& e : events) {
        ev.reset();
        ev.bind_all(e.kiosk_id, e.event.at, e.event.state, e.event.detail).run();
      }
      auto res = db.prepare(
          "UPDATE kiosk_commands SET done_at=coalesce(done_at, ?3), result=?4, reason=?5 WHERE id=?1 AND "
          "kiosk_id=?2");
      for (const auto& r : results) {
        res.reset();
        res.bind_all(r.id, r.kiosk_id, r.at, r.result, r.reason).run();
      }
      auto snt = db.prepare("UPDATE kiosk_commands SET sent_at=?2 WHERE id=?1 AND sent_at IS NULL");
      for (const auto& [id, at] : sent) {
        snt.reset();
        snt.bind_all(id, at).run();
      }
      auto k = db.prepare(
          "UPDATE kiosks SET last_seen=?2, facts=?3, state=?4, state_since=?5, heartbeat_s=?6 WHERE id=?1");
      for (const auto& s : dirty) {
        k.reset();
        k.bind_all(s.id, s.last_seen, s.facts.dump(), std::string(kiosk_state_name(s.state)), s.state_since,
                   s.heartbeat_s)
            .run();
      }
      tx.commit();
    });
  } catch (const std::exception& e) {
    // A full disk loses fleet history, never content: say so once per failure and carry on.
    log::error(std::string("fleet: cannot write kiosk states: ") + e.what());
  }
}

void Fleet::apply_retention(content::UnixSeconds now) {
  std::vector<std::string> files;
  try {
    db_.with([&](store::Database& db) {
      store::Transaction tx(db);
      db.prepare("DELETE FROM kiosk_events WHERE at<?1").bind(1, now - policy_.events_keep_s).run();
      db.prepare(
            "DELETE FROM kiosk_events WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION "
            "BY kiosk_id "
            "ORDER BY id DESC) AS n FROM kiosk_events) WHERE n>?1)")
          .bind(1, policy_.events_per_kiosk)
          .run();
      db.prepare("DELETE FROM kiosk_commands WHERE created_at<?1")
          .bind(1, now - policy_.commands_keep_s)
          .run();
      auto old = db.prepare(
          "SELECT command_id, file FROM (SELECT command_id, file, taken_at, row_number() OVER (PARTITION BY "
          "kiosk_id "
          "ORDER BY taken_at DESC, command_id DESC) AS n FROM screenshots) WHERE n>?1 OR taken_at<?2");
      old.bind_all(policy_.screenshots_per_kiosk, now - policy_.screenshot_keep_s);
      std::vector<std::int64_t> ids;
      while (old.step()) {
        ids.push_back(old.int64(0));
        files.push_back(old.text(1));
      }
      auto del = db.prepare("DELETE FROM screenshots WHERE command_id=?1");
      for (std::int64_t id : ids) {
        del.reset();
        del.bind(1, id).run();
      }
      tx.commit();
    });
  } catch (const std::exception& e) {
    log::error(std::string("fleet: retention failed: ") + e.what());
    return;
  }
  for (const auto& f : files) {  // after the rows are gone: a crash leaves a stray file, not a dangling row
    std::error_code ec;
    std::filesystem::remove(db_.screenshot_dir() / f, ec);
  }
}

}  // namespace kiosk::console

#include "console/core/items.hpp"

#include <map>
#include <stdexcept>

#include "console/core/audit.hpp"
#include "console/core/image_library.hpp"
#include "sync/content/issues.hpp"
#include "sync/content/time.hpp"

namespace kiosk::console {
namespace {

using content::Collection;
using nlohmann::json;
using Outcome = ChangeResult::Outcome;

std::string target_of(Collection c, const std::string& id) {
  return std::string(content::collection_name(c)) + "/" + id;
}

ItemRecord read_record(store::Statement& st) {
  ItemRecord r;
  r.collection = content::collection_from_name(st.text(0)).value_or(Collection::events);
  r.id = st.text(1);
  r.space = st.text(2);
  r.ord = st.int64(3);
  r.body = st.text(4);
  r.revision = st.int64(5);
  r.updated_at = st.int64(6);
  r.updated_by = st.text(7);
  return r;
}

constexpr const char* kRecordColumns = "collection, id, space, ord, body, revision, updated_at, updated_by";

std::optional<ItemRecord> get_locked(store::Database& db, Collection c, const std::string& id) {
  auto st = db.prepare(std::string("SELECT ") + kRecordColumns + " FROM items WHERE collection=?1 AND id=?2");
  st.bind_all(std::string(content::collection_name(c)), id);
  if (!st.step()) return std::nullopt;
  return read_record(st);
}

ChangeResult refusal(Outcome outcome, std::string message) {
  ChangeResult r;
  r.outcome = outcome;
  r.message = std::move(message);
  return r;
}
ChangeResult forbidden(std::string message) {
  return refusal(Outcome::forbidden, std::move(message));
}
ChangeResult not_found(std::string message) {
  return refusal(Outcome::not_found, std::move(message));
}

ChangeResult invalid(std::vector<FieldError> errors) {
  ChangeResult r;
  r.outcome = Outcome::invalid;
  r.errors = std::move(errors);
  return r;
}

ChangeResult conflict(const ItemRecord& current, std::string message) {
  ChangeResult r = refusal(Outcome::conflict, std::move(message));
  r.conflict_by = current.updated_by;
  r.conflict_at = current.updated_at;
  return r;
}

std::optional<ChangeResult> check_space(const Principal& who, const std::string& space) {
  if (who.may_touch_space(space)) return std::nullopt;
  if (space.empty())
    return forbidden(who.name + " is limited to some spaces and may not change zone-wide items");
  return forbidden(who.name + " may not change items of space \"" + space +
                   "\" (allowed: " + join_spaces(who.spaces) + ")");
}

// The edit started from `base`; anything else changed the item meanwhile.
std::optional<ChangeResult> check_base(const std::optional<ItemRecord>& current,
                                       std::optional<std::int64_t> base, const std::string& id) {
  if (!base) return std::nullopt;
  if (*base == 0 && current) {
    return conflict(*current,
                    "\"" + id + "\" exists already: " + current->updated_by + " created or changed it");
  }
  if (*base > 0 && !current) {
    return refusal(Outcome::conflict, "\"" + id + "\" was deleted meanwhile");
  }
  if (*base > 0 && current->revision != *base) {
    return conflict(*current, "\"" + id + "\" was changed by " + current->updated_by + " at " +
                                  content::format_iso8601(current->updated_at) + " after you opened it");
  }
  return std::nullopt;
}

Approval read_approval(store::Database& db, const std::string& space) {
  auto st = db.prepare("SELECT approval FROM space_policy WHERE space=?1");
  st.bind(1, space);
  return st.step() ? approval_from_name(st.text(0)).value_or(Approval::off) : Approval::off;
}

std::int64_t insert_pending(store::Database& db, const Principal& who, Collection c, const std::string& id,
                            const std::string& space, const std::optional<std::string>& body,
                            std::int64_t base, content::UnixSeconds now) {
  db.prepare(
        "INSERT INTO pending(collection, item_id, space, body, base_revision, proposed_by, proposed_at) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind_all(std::string(content::collection_name(c)), id, space, body, base, who.name, now)
      .run();
  const std::int64_t pending_id = sqlite3_last_insert_rowid(db.raw());
  audit_append(db, who, now, body ? "propose" : "propose.delete", target_of(c, id), "", body.value_or(""));
  return pending_id;
}

std::optional<ChangeResult> refuse_space_delete(store::Database& db, const std::string& id) {
  auto st = db.prepare("SELECT count(*) FROM items WHERE collection IN ('events', 'desks') AND space=?1");
  st.bind(1, id);
  st.step();
  if (st.int64(0) == 0) return std::nullopt;
  return invalid({{"id", std::to_string(st.int64(0)) +
                             " events or desks still belong to this space: move or delete them first"}});
}

}  // namespace

std::string_view approval_name(Approval a) {
  return a == Approval::four_eyes ? "four_eyes" : "off";
}

std::optional<Approval> approval_from_name(std::string_view name) {
  if (name == "off") return Approval::off;
  if (name == "four_eyes") return Approval::four_eyes;
  return std::nullopt;
}

content::Content content_from_records(const std::vector<ItemRecord>& records) {
  std::map<Collection, json> docs;
  content::Content out;
  content::Issues issues;
  for (const auto& r : records) {
    if (r.collection == Collection::meta) {
      content::parse_collection(Collection::meta, "meta.json", r.body, out, issues);
      continue;
    }
    auto& doc = docs[r.collection];
    if (doc.is_null()) doc = json{{std::string(content::collection_name(r.collection)), json::array()}};
    doc.front().push_back(json::parse(r.body));
  }
  for (const auto& [c, doc] : docs)
    content::parse_collection(c, content::collection_file(c), doc.dump(), out, issues);
  if (issues.has_errors()) throw std::runtime_error("stored items no longer parse: " + issues.summary());
  return out;
}

std::vector<ItemRecord> ItemStore::list(Collection c) {
  return db_.with([&](store::Database& db) {
    std::vector<ItemRecord> out;
    auto st = db.prepare(std::string("SELECT ") + kRecordColumns +
                         " FROM items WHERE collection=?1 ORDER BY ord, id");
    st.bind(1, std::string(content::collection_name(c)));
    while (st.step()) out.push_back(read_record(st));
    return out;
  });
}

std::optional<ItemRecord> ItemStore::get(Collection c, const std::string& id) {
  return db_.with([&](store::Database& db) { return get_locked(db, c, id); });
}

std::size_t ItemStore::count(Collection c) {
  return db_.with([&](store::Database& db) {
    auto st = db.prepare("SELECT count(*) FROM items WHERE collection=?1");
    st.bind(1, std::string(content::collection_name(c)));
    st.step();
    return static_cast<std::size_t>(st.int64(0));
  });
}

content::Content ItemStore::context_locked(store::Database& db) {
  std::vector<ItemRecord> records;
  auto st = db.prepare(std::string("SELECT ") + kRecordColumns +
                       " FROM items WHERE collection IN ('meta', 'spaces') ORDER BY ord, id");
  while (st.step()) records.push_back(read_record(st));
  content::Content c = content_from_records(records);
  auto img = db.prepare("SELECT name, sha256, bytes, width, height FROM images ORDER BY name");
  while (img.step())
    c.images.push_back({img.text(0), img.text(1), img.int64(2), img.integer(3), img.integer(4)});
  return c;
}

content::Content ItemStore::context() {
  return db_.with([&](store::Database& db) { return context_locked(db); });
}

content::Content ItemStore::draft() {
  return db_.with([&](store::Database& db) {
    std::vector<ItemRecord> records;
    auto st =
        db.prepare(std::string("SELECT ") + kRecordColumns + " FROM items ORDER BY collection, ord, id");
    while (st.step()) records.push_back(read_record(st));
    content::Content c = content_from_records(records);
    c.images = context_locked(db).images;
    return c;
  });
}

ChangeResult ItemStore::write(store::Database& db, const Principal& who, Collection c, const std::string& id,
                              const std::optional<json>& canonical, const std::string& space,
                              content::UnixSeconds now, const std::string& action) {
  const auto current = get_locked(db, c, id);
  ChangeResult r;
  const std::string name(content::collection_name(c));
  if (canonical) {
    const std::string body = canonical->dump();
    std::int64_t ord = 0;
    if (current) {
      ord = current->ord;
    } else {
      auto st = db.prepare("SELECT coalesce(max(ord), -1) + 1 FROM items WHERE collection=?1");
      st.bind(1, name);
      st.step();
      ord = st.int64(0);
    }
    r.revision = current ? current->revision + 1 : 1;
    db.prepare(
          "INSERT INTO items(collection, id, space, ord, body, revision, updated_at, updated_by) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(collection, id) DO UPDATE SET "
          "space=excluded.space, body=excluded.body, revision=excluded.revision, "
          "updated_at=excluded.updated_at, updated_by=excluded.updated_by")
        .bind_all(name, id, space, ord, body, r.revision, now, who.name)
        .run();
    audit_append(db, who, now, action, target_of(c, id), current ? current->body : "", body);
  } else {
    db.prepare("DELETE FROM items WHERE collection=?1 AND id=?2").bind_all(name, id).run();
    audit_append(db, who, now, action, target_of(c, id), current ? current->body : "", "");
  }
  return r;
}

ChangeResult ItemStore::put(const Principal& who, Collection c, const std::string& id, const json& body,
                            std::optional<std::int64_t> base_revision, content::UnixSeconds now,
                            Route route) {
  if (!who.at_least(Role::editor)) return forbidden(who.name + " may only read (role viewer)");
  if (c == Collection::meta && id != kMetaId) {
    return not_found("meta has one item, \"meta\"");
  }
  ChangeResult result = db_.with([&](store::Database& db) -> ChangeResult {
    const auto current = get_locked(db, c, id);
    const std::string space = item_space(c, id, body);
    if (auto refused = check_space(who, space)) return *refused;
    if (current) {
      if (auto refused = check_space(who, current->space)) return *refused;
    }
    if (auto clash = check_base(current, base_revision, id)) return *clash;
    ItemCheck check = check_item(c, id, body, context_locked(db));
    if (!check.errors.empty()) {
      return invalid(std::move(check.errors));
    }
    store::Transaction tx(db);
    ChangeResult r;
    if (route == Route::normal && read_approval(db, space) == Approval::four_eyes) {
      r.outcome = Outcome::pending;
      r.pending_id =
          insert_pending(db, who, c, id, space, check.canonical.dump(), current ? current->revision : 0, now);
    } else {
      r = write(db, who, c, id, check.canonical, space, now, current ? "update" : "create");
    }
    tx.commit();
    return r;
  });
  if (result.outcome == Outcome::saved && route == Route::immediate && immediate_hook_) immediate_hook_();
  return result;
}

ChangeResult ItemStore::remove(const Principal& who, Collection c, const std::string& id,
                               std::optional<std::int64_t> base_revision, content::UnixSeconds now) {
  if (!who.at_least(Role::editor)) return forbidden(who.name + " may only read (role viewer)");
  return db_.with([&](store::Database& db) -> ChangeResult {
    const auto current = get_locked(db, c, id);
    if (!current) {
      return not_found("there is no " + std::string(content::item_kind(c)) + " \"" + id + "\"");
    }
    if (c == Collection::meta) return forbidden("meta cannot be deleted, only changed");
    if (auto refused = check_space(who, current->space)) return *refused;
    if (auto clash = check_base(current, base_revision, id)) return *clash;
    if (c == Collection::spaces) {
      if (auto refused = refuse_space_delete(db, id)) return *refused;
    }
    store::Transaction tx(db);
    ChangeResult r;
    if (read_approval(db, current->space) == Approval::four_eyes) {
      r.outcome = Outcome::pending;
      r.pending_id = insert_pending(db, who, c, id, current->space, std::nullopt, current->revision, now);
    } else {
      r = write(db, who, c, id, std::nullopt, current->space, now, "delete");
    }
    tx.commit();
    return r;
  });
}

ChangeResult ItemStore::set_desk_status(const Principal& who, const std::string& id,
                                        const std::string& status, std::optional<content::UnixSeconds> until,
                                        content::UnixSeconds now) {
  const auto current = get(Collection::desks, id);
  if (!current) {
    return not_found("there is no desk \"" + id + "\"");
  }
  const auto parsed = content::enum_from_string<content::DeskStatus>(status);
  if (!parsed || *parsed == content::DeskStatus::unknown) {
    return invalid({{"status", "must be one of free, booked, occupied, out_of_service"}});
  }
  json body = current->json();
  body["status"] = status;
  body["status_at"] = content::format_iso8601(now);
  if (until) {
    body["until"] = content::format_iso8601(*until);
  } else {
    body.erase("until");
  }
  // No base revision: a booking system's latest word wins, and the board always sends whole states.
  return put(who, Collection::desks, id, body, std::nullopt, now, Route::immediate);
}

std::vector<PendingChange> ItemStore::pending() {
  return db_.with([&](store::Database& db) {
    std::vector<PendingChange> out;
    auto st = db.prepare(
        "SELECT id, collection, item_id, space, body, base_revision, proposed_by, proposed_at "
        "FROM pending ORDER BY id");
    while (st.step()) {
      PendingChange p;
      p.id = st.int64(0);
      p.collection = content::collection_from_name(st.text(1)).value_or(Collection::events);
      p.item_id = st.text(2);
      p.space = st.text(3);
      if (!st.is_null(4)) p.body = st.text(4);
      p.base_revision = st.int64(5);
      p.proposed_by = st.text(6);
      p.proposed_at = st.int64(7);
      out.push_back(std::move(p));
    }
    return out;
  });
}

ChangeResult ItemStore::approve(const Principal& who, std::int64_t pending_id, content::UnixSeconds now) {
  if (!who.at_least(Role::publisher))
    return forbidden(who.name + " may not approve changes (needs role publisher)");
  return db_.with([&](store::Database& db) -> ChangeResult {
    auto st = db.prepare(
        "SELECT collection, item_id, space, body, base_revision, proposed_by FROM pending WHERE id=?1");
    st.bind(1, pending_id);
    if (!st.step()) {
      return not_found("change " + std::to_string(pending_id) +
                       " is not waiting for approval (approved or rejected already?)");
    }
    const Collection c = content::collection_from_name(st.text(0)).value_or(Collection::events);
    const std::string id = st.text(1), space = st.text(2), proposer = st.text(5);
    const std::optional<std::string> body =
        st.is_null(3) ? std::nullopt : std::optional<std::string>(st.text(3));
    const std::int64_t base = st.int64(4);
    if (proposer == who.name)
      return forbidden("nobody approves their own change: another publisher must approve it");
    if (auto refused = check_space(who, space)) return *refused;
    const auto current = get_locked(db, c, id);
    if (auto clash = check_base(
            current, base == 0 ? std::optional<std::int64_t>(0) : std::optional<std::int64_t>(base), id)) {
      return *clash;
    }
    std::optional<json> canonical;
    if (body) {
      ItemCheck check = check_item(c, id, json::parse(*body), context_locked(db));
      if (!check.errors.empty()) {
        return invalid(std::move(check.errors));
      }
      canonical = check.canonical;
    }
    store::Transaction tx(db);
    Principal author = who;
    author.name = proposer + " (approved by " + who.name + ")";
    ChangeResult r = write(db, author, c, id, canonical, space, now, body ? "approve" : "approve.delete");
    db.prepare("DELETE FROM pending WHERE id=?1").bind_all(pending_id).run();
    tx.commit();
    return r;
  });
}

ChangeResult ItemStore::reject(const Principal& who, std::int64_t pending_id, content::UnixSeconds now) {
  if (!who.at_least(Role::publisher))
    return forbidden(who.name + " may not reject changes (needs role publisher)");
  return db_.with([&](store::Database& db) -> ChangeResult {
    auto st = db.prepare("SELECT collection, item_id, space, body FROM pending WHERE id=?1");
    st.bind(1, pending_id);
    if (!st.step()) {
      return not_found("change " + std::to_string(pending_id) + " is not waiting for approval");
    }
    if (auto refused = check_space(who, st.text(2))) return *refused;
    const std::string target = st.text(0) + "/" + st.text(1);
    const std::string body = st.is_null(3) ? "" : st.text(3);
    store::Transaction tx(db);
    db.prepare("DELETE FROM pending WHERE id=?1").bind_all(pending_id).run();
    audit_append(db, who, now, "reject", target, body, "");
    tx.commit();
    return ChangeResult{};
  });
}

Approval ItemStore::approval(const std::string& space) {
  return db_.with([&](store::Database& db) { return read_approval(db, space); });
}

void ItemStore::set_approval(const Principal& who, const std::string& space, Approval a,
                             content::UnixSeconds now) {
  if (!who.at_least(Role::admin))
    throw std::runtime_error(who.name + " may not change approval rules (needs role admin)");
  db_.with([&](store::Database& db) {
    store::Transaction tx(db);
    const std::string before(approval_name(read_approval(db, space)));
    db.prepare(
          "INSERT INTO space_policy(space, approval) VALUES(?1, ?2) ON CONFLICT(space) DO UPDATE SET "
          "approval=excluded.approval")
        .bind_all(space, std::string(approval_name(a)))
        .run();
    audit_append(db, who, now, "approval", "space:" + (space.empty() ? std::string("(zone)") : space), before,
                 std::string(approval_name(a)));
    tx.commit();
  });
}

void ItemStore::replace_all(const Principal& who, const content::Content& content, const std::string& action,
                            content::UnixSeconds now) {
  db_.with([&](store::Database& db) {
    store::Transaction tx(db);
    for (Collection c : content::kAllCollections) {
      const std::string name(content::collection_name(c));
      std::map<std::string, ItemRecord> existing;
      {
        auto st = db.prepare(std::string("SELECT ") + kRecordColumns + " FROM items WHERE collection=?1");
        st.bind(1, name);
        while (st.step()) {
          auto r = read_record(st);
          existing.emplace(r.id, std::move(r));
        }
      }
      std::int64_t ord = 0;
      for (const json& item : collection_items(c, content)) {
        const std::string id = c == Collection::meta ? kMetaId : item.at("id").get<std::string>();
        const std::string body = item.dump();
        auto it = existing.find(id);
        if (it != existing.end() && it->second.body == body && it->second.ord == ord) {
          existing.erase(it);
          ++ord;
          continue;
        }
        const std::int64_t revision = it == existing.end() ? 1 : it->second.revision + 1;
        db.prepare(
              "INSERT INTO items(collection, id, space, ord, body, revision, updated_at, updated_by) "
              "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(collection, id) DO UPDATE SET "
              "space=excluded.space, ord=excluded.ord, body=excluded.body, revision=excluded.revision, "
              "updated_at=excluded.updated_at, updated_by=excluded.updated_by")
            .bind_all(name, id, item_space(c, id, item), ord, body, revision, now, who.name)
            .run();
        if (it == existing.end() || it->second.body != body) {
          audit_append(db, who, now, action, target_of(c, id), it == existing.end() ? "" : it->second.body,
                       body);
        }
        if (it != existing.end()) existing.erase(it);
        ++ord;
      }
      for (const auto& [id, record] : existing) {
        db.prepare("DELETE FROM items WHERE collection=?1 AND id=?2").bind_all(name, id).run();
        audit_append(db, who, now, action + ".delete", target_of(c, id), record.body, "");
      }
    }
    replace_image_list(db, content.images, who, now, action + ".images");
    tx.commit();
  });
}

}  // namespace kiosk::console

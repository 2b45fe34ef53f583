#pragma once
// The draft: every item staff edit, as the content-format JSON of one item, and the one write path
// every change takes (web form, JSON API, desk board, approval, import, restore): check the role and
// the space, validate with the rules of `kioskctl check`, detect a conflicting edit, then write the
// item and its audit row in one transaction. In a four-eyes space a change waits in `pending`
// until a publisher other than its author approves it.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "console/core/console_db.hpp"
#include "console/core/item_check.hpp"
#include "console/core/roles.hpp"
#include "sync/content/content_json.hpp"
#include "sync/content/model.hpp"

namespace kiosk::console {

struct ItemRecord {
  content::Collection collection = content::Collection::events;
  std::string id, space;
  std::int64_t ord = 0;
  std::string body;  // canonical JSON
  std::int64_t revision = 0;
  content::UnixSeconds updated_at = 0;
  std::string updated_by;
  nlohmann::json json() const { return nlohmann::json::parse(body); }
};

struct ChangeResult {
  enum class Outcome { saved, pending, invalid, conflict, forbidden, not_found };
  Outcome outcome = Outcome::saved;
  std::vector<FieldError> errors;  // invalid: per field, in the validator's words
  std::string message;             // forbidden / not_found / conflict, in words
  std::int64_t revision = 0;       // saved: the new revision
  std::int64_t pending_id = 0;     // pending: the change waiting for approval
  std::string conflict_by;         // conflict: who changed the item, and when
  content::UnixSeconds conflict_at = 0;
  bool ok() const { return outcome == Outcome::saved || outcome == Outcome::pending; }
};

enum class Approval { off, four_eyes };

struct PendingChange {
  std::int64_t id = 0;
  content::Collection collection = content::Collection::events;
  std::string item_id, space;
  std::optional<std::string> body;  // nullopt: a deletion
  std::int64_t base_revision = 0;
  std::string proposed_by;
  content::UnixSeconds proposed_at = 0;
};

// How a change is routed: normal changes follow the space's approval policy; desk status and urgent
// notices never wait (the rule: a lobby must not show a stale desk or miss an evacuation).
enum class Route { normal, immediate };

class ItemStore {
 public:
  explicit ItemStore(ConsoleDb& db) : db_(db) {}

  std::vector<ItemRecord> list(content::Collection c);
  std::optional<ItemRecord> get(content::Collection c, const std::string& id);
  std::size_t count(content::Collection c);

  // Creates or replaces. `base_revision`: the revision the editor started from (0: a new item);
  // nullopt skips the check (API callers without If-Match).
  ChangeResult put(const Principal& who, content::Collection c, const std::string& id,
                   const nlohmann::json& body, std::optional<std::int64_t> base_revision,
                   content::UnixSeconds now, Route route = Route::normal);
  ChangeResult remove(const Principal& who, content::Collection c, const std::string& id,
                      std::optional<std::int64_t> base_revision, content::UnixSeconds now);
  // One desk's status (free, booked, occupied, out_of_service), stamped now; `until` is optional.
  ChangeResult set_desk_status(const Principal& who, const std::string& id, const std::string& status,
                               std::optional<content::UnixSeconds> until, content::UnixSeconds now);

  std::vector<PendingChange> pending();
  ChangeResult approve(const Principal& who, std::int64_t pending_id, content::UnixSeconds now);
  ChangeResult reject(const Principal& who, std::int64_t pending_id, content::UnixSeconds now);

  Approval approval(const std::string& space);
  void set_approval(const Principal& who, const std::string& space, Approval a, content::UnixSeconds now);

  // Replaces the whole draft (import, restore) and its image list in one transaction, one audit row
  // per changed item. The image files must be in the store already.
  void replace_all(const Principal& who, const content::Content& content, const std::string& action,
                   content::UnixSeconds now);
  // The draft as content (images from the images table), for export and publishing.
  content::Content draft();
  // Meta, spaces and images: the context a single item is validated in.
  content::Content context();

  // Called after a desk status or urgent notice change is saved (the auto-publisher listens).
  void on_immediate_change(std::function<void()> hook) { immediate_hook_ = std::move(hook); }

 private:
  ChangeResult write(store::Database& db, const Principal& who, content::Collection c, const std::string& id,
                     const std::optional<nlohmann::json>& canonical, const std::string& space,
                     content::UnixSeconds now, const std::string& action);
  content::Content context_locked(store::Database& db);
  ConsoleDb& db_;
  std::function<void()> immediate_hook_;
};

std::string_view approval_name(Approval a);
std::optional<Approval> approval_from_name(std::string_view name);

// Parses a stored collection of records back into content (throws on a record that no longer parses).
content::Content content_from_records(const std::vector<ItemRecord>& records);

}  // namespace kiosk::console

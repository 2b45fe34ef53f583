#pragma once
// The audit log: every change (who, when, from where, what it was before and after) in one
// hash-chained table, written in the same transaction as the change. Each row's hash covers its
// fields and the previous row's hash, so editing or deleting a row breaks the chain from there on
// and `kiosk-console audit verify` names the first broken row.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "console/core/roles.hpp"
#include "sync/content/time.hpp"
#include "sync/store/sqlite.hpp"

namespace kiosk::console {

struct AuditEntry {
  std::int64_t seq = 0;
  content::UnixSeconds at = 0;
  std::string actor, origin, action, target, before, after;
};

// Appends one row; call inside the transaction that makes the change.
void audit_append(store::Database& db, const Principal& who, content::UnixSeconds at,
                  const std::string& action, const std::string& target, const std::string& before,
                  const std::string& after);

struct AuditCheck {
  std::int64_t rows = 0;
  std::optional<std::int64_t> first_broken;  // seq of the first row whose hash does not match
  std::string problem;                       // in words, when broken
};
AuditCheck audit_verify(store::Database& db);

std::vector<AuditEntry> audit_recent(store::Database& db, int limit);

}  // namespace kiosk::console

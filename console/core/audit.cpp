#include "console/core/audit.hpp"

#include "sync/content/sha256.hpp"

namespace kiosk::console {
namespace {

constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

// Length-prefixed fields: no separator inside a field can make two different rows hash alike.
std::string row_hash(const std::string& prev, const AuditEntry& e) {
  std::string material = prev;
  for (const std::string* field : {&e.actor, &e.origin, &e.action, &e.target, &e.before, &e.after}) {
    material += "|" + std::to_string(field->size()) + ":" + *field;
  }
  material += "|" + std::to_string(e.seq) + "|" + std::to_string(e.at);
  return content::sha256_hex(material);
}

}  // namespace

void audit_append(store::Database& db, const Principal& who, content::UnixSeconds at,
                  const std::string& action, const std::string& target, const std::string& before,
                  const std::string& after) {
  std::string prev = kGenesis;
  std::int64_t seq = 1;
  {
    auto last = db.prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (last.step()) {
      seq = last.int64(0) + 1;
      prev = last.text(1);
    }
  }
  AuditEntry e{seq, at, who.name, who.origin, action, target, before, after};
  db.prepare(
        "INSERT INTO audit(seq, at, actor, origin, action, target, before, after, prev_hash, hash) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
      .bind_all(e.seq, e.at, e.actor, e.origin, e.action, e.target, e.before, e.after, prev,
                row_hash(prev, e))
      .run();
}

AuditCheck audit_verify(store::Database& db) {
  AuditCheck check;
  std::string prev = kGenesis;
  std::int64_t expected_seq = 1;
  auto st = db.prepare(
      "SELECT seq, at, actor, origin, action, target, before, after, prev_hash, hash FROM audit ORDER BY "
      "seq");
  while (st.step()) {
    AuditEntry e{st.int64(0), st.int64(1), st.text(2), st.text(3),
                 st.text(4),  st.text(5),  st.text(6), st.text(7)};
    ++check.rows;
    std::string problem;
    if (e.seq != expected_seq) {
      problem = "row " + std::to_string(expected_seq) + " is missing (the next row is " +
                std::to_string(e.seq) + ")";
    } else if (st.text(8) != prev) {
      problem = "row " + std::to_string(e.seq) +
                " does not follow the row before it (rows were removed or reordered)";
    } else if (st.text(9) != row_hash(prev, e)) {
      problem = "row " + std::to_string(e.seq) + " was changed after it was written (" + e.action + " " +
                e.target + " by " + e.actor + ")";
    }
    if (!problem.empty()) {
      check.first_broken = e.seq;
      check.problem = problem;
      return check;
    }
    prev = st.text(9);
    ++expected_seq;
  }
  return check;
}

std::vector<AuditEntry> audit_recent(store::Database& db, int limit) {
  std::vector<AuditEntry> out;
  auto st = db.prepare(
      "SELECT seq, at, actor, origin, action, target, before, after FROM audit ORDER BY seq DESC LIMIT ?1");
  st.bind(1, limit);
  while (st.step()) {
    out.push_back(
        {st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.text(7)});
  }
  return out;
}

}  // namespace kiosk::console

#include "console/core/kiosk_state.hpp"

#include <algorithm>
#include <array>

namespace kiosk::console {
namespace {

constexpr std::array<std::string_view, 12> kNames = {
    "offline",         "safe_mode", "sync_failing", "behind", "under_voltage", "hot",
    "clock_untrusted", "late",      "pairing",      "dark",   "online",        "revoked"};

// A member of a member, or a default when the beat did not say (an older kiosk, a trimmed beat).
template <class T>
T fact(const nlohmann::json& facts, const char* group, const char* key, T fallback) {
  const nlohmann::json* node = &facts;
  if (group != nullptr) {
    auto g = facts.find(group);
    if (g == facts.end() || !g->is_object()) return fallback;
    node = &*g;
  }
  auto it = node->find(key);
  if (it == node->end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const std::exception&) {
    return fallback;
  }
}

}  // namespace

std::string_view kiosk_state_name(KioskState s) {
  return kNames[static_cast<std::size_t>(s)];
}

std::optional<KioskState> kiosk_state_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<KioskState>(i);
  }
  return std::nullopt;
}

bool Assessment::has(KioskState s) const {
  return std::find(flags.begin(), flags.end(), s) != flags.end();
}

Assessment assess_kiosk(const AssessInput& in, const FleetPolicy& p) {
  Assessment a;
  auto add = [&](KioskState s) { a.flags.push_back(s); };
  if (in.revoked) {
    add(KioskState::revoked);
  } else if (!in.paired || in.last_seen == 0 || in.facts == nullptr) {
    add(KioskState::pairing);
  } else {
    const nlohmann::json& f = *in.facts;
    const double age = static_cast<double>(in.now - in.last_seen);
    const double late_after = p.late_intervals * std::max(1.0, in.heartbeat_s);
    if (age > std::max(p.offline_after_s, late_after)) add(KioskState::offline);
    if (fact(f, nullptr, "safe_mode", false)) add(KioskState::safe_mode);
    if (fact<std::string>(f, "sync", "result", "") == "error" &&
        fact(f, "sync", "failures", 0) >= p.sync_failures) {
      add(KioskState::sync_failing);
    }
    if (in.newer_published_at && static_cast<double>(in.now - *in.newer_published_at) > p.behind_after_s) {
      add(KioskState::behind);
    }
    if (fact(f, "board", "under_voltage", false)) add(KioskState::under_voltage);
    if (fact(f, "board", "cpu_celsius", 0.0) >= p.hot_celsius) add(KioskState::hot);
    if (!fact(f, nullptr, "clock_trusted", true)) add(KioskState::clock_untrusted);
    if (age > late_after && !a.has(KioskState::offline)) add(KioskState::late);
    if (fact<std::string>(f, "display", "state", "on") == "dark") add(KioskState::dark);
    if (a.flags.empty()) add(KioskState::online);
  }
  std::sort(a.flags.begin(), a.flags.end());
  a.state = a.flags.front();
  return a;
}

std::string alert_level(const Assessment& a) {
  for (KioskState s : {KioskState::offline, KioskState::safe_mode, KioskState::behind}) {
    if (a.has(s)) return std::string(kiosk_state_name(s));
  }
  return "ok";
}

bool quiet_hours(const nlohmann::json& facts, content::UnixSeconds now) {
  if (fact<std::string>(facts, "display", "state", "on") != "dark") return false;
  const auto on_at = fact<content::UnixSeconds>(facts, "display", "on_at", 0);
  return on_at == 0 || now < on_at;
}

}  // namespace kiosk::console

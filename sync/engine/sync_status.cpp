#include "sync/engine/sync_status.hpp"

#include <nlohmann/json.hpp>

namespace kiosk::sync {

namespace {
std::string when_or_never(content::UnixSeconds t) {
  return t > 0 ? content::format_iso8601(t) : "never";
}
}  // namespace

std::string SyncStatus::to_json() const {
  nlohmann::json j = {
      {"state", state},
      {"configured", configured},
      {"offline_since",
       offline_since ? nlohmann::json(content::format_iso8601(*offline_since)) : nlohmann::json(nullptr)},
      {"last_attempt",
       last_attempt > 0 ? nlohmann::json(content::format_iso8601(last_attempt)) : nlohmann::json(nullptr)},
      {"last_success",
       last_success > 0 ? nlohmann::json(content::format_iso8601(last_success)) : nlohmann::json(nullptr)},
      {"last_error", last_error},
      {"last_error_code", last_error_code},
      {"current_version", current_version},
      {"current_published_at", current_published_at > 0
                                   ? nlohmann::json(content::format_iso8601(current_published_at))
                                   : nlohmann::json(nullptr)},
      {"rejected_version", rejected_version},
      {"failures", failures},
      {"time_note", time_note},
      {"next_attempt",
       next_attempt > 0 ? nlohmann::json(content::format_iso8601(next_attempt)) : nlohmann::json(nullptr)}};
  return j.dump(2);
}

namespace {

SyncStatus parse_status(const std::string& text) {
  SyncStatus s;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return s;
  const auto time = [&](const char* key) -> content::UnixSeconds {
    if (!j.contains(key) || !j[key].is_string()) return 0;
    return content::parse_iso8601(j[key].get<std::string>()).value_or(0);
  };
  s.state = j.value("state", s.state);
  s.configured = j.value("configured", false);
  if (const auto t = time("offline_since"); t > 0) s.offline_since = t;
  s.last_attempt = time("last_attempt");
  s.last_success = time("last_success");
  s.last_error = j.value("last_error", "");
  s.last_error_code = j.value("last_error_code", "");
  s.current_version = j.value("current_version", std::int64_t{0});
  s.current_published_at = time("current_published_at");
  s.rejected_version = j.value("rejected_version", std::int64_t{0});
  s.failures = j.value("failures", 0);
  s.time_note = j.value("time_note", "");
  s.next_attempt = time("next_attempt");
  return s;
}

}  // namespace

SyncStatus SyncStatus::from_json(const std::string& text) {
  try {
    return parse_status(text);
  } catch (const nlohmann::json::exception&) {  // a field of the wrong type: start from a fresh status
    return SyncStatus{};
  }
}

std::string SyncStatus::describe() const {
  std::string out;
  out += "state:          " + state + "\n";
  out += "content:        version " + std::to_string(current_version) +
         (current_published_at > 0 ? " published " + content::format_iso8601(current_published_at) : "") +
         "\n";
  out += "last success:   " + when_or_never(last_success) + "\n";
  out += "last attempt:   " + when_or_never(last_attempt) + "\n";
  if (offline_since) out += "offline since:  " + content::format_iso8601(*offline_since) + "\n";
  if (!last_error.empty()) out += "last error:     " + last_error + " [" + last_error_code + "]\n";
  if (rejected_version > 0) out += "refused:        version " + std::to_string(rejected_version) + "\n";
  if (next_attempt > 0) out += "next attempt:   " + content::format_iso8601(next_attempt) + "\n";
  if (!time_note.empty()) out += "time:           " + time_note + "\n";
  return out;
}

}  // namespace kiosk::sync

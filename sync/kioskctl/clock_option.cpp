#include "sync/kioskctl/clock_option.hpp"

#include <ctime>

namespace kiosk::ctl {

void add_now_option(CLI::App& cmd, std::string& now_text) {
  cmd.add_option("--now", now_text, "Pretend it is this time (ISO 8601 with offset)");
}

content::UnixSeconds resolve_now(const std::string& now_text) {
  if (now_text.empty()) return static_cast<content::UnixSeconds>(std::time(nullptr));
  if (auto t = content::parse_iso8601(now_text)) return *t;
  throw CLI::ValidationError("--now", "\"" + now_text + "\" is not a time like 2026-11-30T09:00:00+08:00");
}

}  // namespace kiosk::ctl

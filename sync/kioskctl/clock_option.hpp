#pragma once
// "--now 2026-11-30T09:00:00+08:00": every command that depends on the time accepts a fixed one,
// so tests and staff can ask "what would the kiosk show on Monday morning?".
#include <CLI/CLI.hpp>
#include <string>

#include "sync/content/time.hpp"

namespace kiosk::ctl {

void add_now_option(CLI::App& cmd, std::string& now_text);
// The parsed --now, or the wall clock. Throws CLI::ValidationError on a malformed time.
content::UnixSeconds resolve_now(const std::string& now_text);

}  // namespace kiosk::ctl

#include "platform/start_journal.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "platform/files.hpp"

namespace kiosk::platform {
namespace fs = std::filesystem;

StartContext current_start(const fs::path& root) {
  StartContext c;
  std::ifstream in(root / "proc/sys/kernel/random/boot_id");
  std::getline(in, c.boot_id);
  if (c.boot_id.empty()) c.boot_id = "unknown";
  c.boot_s = boot_seconds();
  c.wall = wall_seconds();
  return c;
}

// One line per start: "<boot_id> <boot_s> <wall> <clean 0|1> <mode 0|1|2>".
std::vector<StartRecord> StartJournal::read(const fs::path& file) {
  std::vector<StartRecord> out;
  std::string text;
  try {
    text = read_file(file, 64 * 1024);
  } catch (const std::exception&) {
    return out;
  }
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    StartRecord r;
    int clean = 0, mode = 0;
    if (!(fields >> r.at.boot_id >> r.at.boot_s >> r.at.wall >> clean >> mode) || mode < 0 || mode > 2)
      continue;
    r.clean = clean != 0;
    r.mode = static_cast<SafeMode>(mode);
    out.push_back(r);
  }
  return out;
}

StartJournal StartJournal::begin(const fs::path& file, const StartContext& now, StartPolicy policy) {
  StartJournal j;
  j.file_ = file;
  j.window_s_ = policy.window_s;
  j.keep_ = policy.keep;
  j.records_ = read(file);
  int crashes = 0, safe_crashes = 0;
  // The unbroken run of crashed starts just before this one: a clean exit (staff restarted it, or
  // safe mode's hourly retry) proves the kiosk can run and ends the run.
  for (auto r = j.records_.rbegin(); r != j.records_.rend(); ++r) {
    const double age =
        r->at.boot_id == now.boot_id ? now.boot_s - r->at.boot_s : static_cast<double>(now.wall - r->at.wall);
    if (r->clean || age < 0 || age > policy.window_s) break;
    ++crashes;
    if (r->mode != SafeMode::off) ++safe_crashes;
  }
  j.recent_crashes_ = crashes;
  if (safe_crashes >= policy.crashes)
    j.mode_ = SafeMode::shipped_content;
  else if (crashes >= policy.crashes)
    j.mode_ = SafeMode::last_known_good;
  j.records_.push_back(StartRecord{now, false, j.mode_});
  if (j.records_.size() > j.keep_)
    j.records_.erase(j.records_.begin(), j.records_.end() - static_cast<std::ptrdiff_t>(j.keep_));
  j.save();
  return j;
}

void StartJournal::save() {
  std::ostringstream out;
  out.precision(3);
  for (const auto& r : records_) {
    out << r.at.boot_id << ' ' << std::fixed << r.at.boot_s << ' ' << r.at.wall << ' ' << (r.clean ? 1 : 0)
        << ' ' << static_cast<int>(r.mode) << '\n';
  }
  try {
    write_file_atomic(file_, out.str());
    problem_.clear();
  } catch (const FileError& e) {
    problem_ = std::string("cannot record starts for crash-loop protection: ") + e.what();
  }
}

void StartJournal::mark_clean_exit() {
  if (records_.empty()) return;
  records_.back().clean = true;
  save();
}

std::string StartJournal::reason() const {
  const std::string window = std::to_string(static_cast<int>(std::lround(window_s_ / 60))) + " minutes";
  switch (mode_) {
    case SafeMode::off:
      return "";
    case SafeMode::last_known_good:
      return std::to_string(recent_crashes_) + " crashed starts in the last " + window +
             ": showing the last known good content and not syncing";
    case SafeMode::shipped_content:
      return "safe mode crashed too (" + std::to_string(recent_crashes_) + " crashed starts in the last " +
             window + "): showing the content shipped with the kiosk and not syncing";
  }
  return "";
}

const char* safe_mode_name(SafeMode mode) {
  switch (mode) {
    case SafeMode::off:
      return "off";
    case SafeMode::last_known_good:
      return "last known good content";
    case SafeMode::shipped_content:
      return "shipped content";
  }
  return "?";
}

}  // namespace kiosk::platform

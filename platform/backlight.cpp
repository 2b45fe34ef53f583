#include "platform/backlight.hpp"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <system_error>
#include <vector>

#include "platform/files.hpp"

namespace kiosk::platform {
namespace fs = std::filesystem;
namespace {

std::optional<int> read_int(const fs::path& p) {
  std::ifstream in(p);
  int v = 0;
  if (in >> v) return v;
  return std::nullopt;
}

// sysfs attributes are written in place with one write(2); rename-based atomic writes do not apply.
std::string write_int(const fs::path& p, int value) {
  errno = 0;
  std::ofstream out(p);
  if (!out)
    return "cannot open " + p.string() + ": " + describe_errno(errno) +
           " (is the kiosk user in the video group?)";
  out << value;
  out.flush();
  if (!out) return "cannot write " + p.string() + ": " + describe_errno(errno);
  return "";
}

}  // namespace

Backlight::Backlight(fs::path dir) : dir_(std::move(dir)), name_(dir_.filename().string()) {}

std::optional<Backlight> Backlight::find(const fs::path& root) {
  std::error_code ec;
  std::vector<fs::path> devices;
  for (const auto& e : fs::directory_iterator(root / "sys/class/backlight", ec)) devices.push_back(e.path());
  std::sort(devices.begin(), devices.end());  // stable choice when a board has two
  for (const auto& d : devices) {
    if (fs::exists(d / "brightness", ec)) return Backlight(d);
  }
  return std::nullopt;
}

std::string Backlight::set_on(bool on) {
  std::error_code ec;
  if (fs::exists(dir_ / "bl_power", ec)) return write_int(dir_ / "bl_power", on ? 0 : 4);
  if (!on) {
    const auto current = read_int(dir_ / "brightness");
    if (current && *current > 0) restore_brightness_ = *current;
    return write_int(dir_ / "brightness", 0);
  }
  int level = restore_brightness_;
  if (level <= 0) level = read_int(dir_ / "max_brightness").value_or(255);
  return write_int(dir_ / "brightness", level);
}

std::optional<bool> Backlight::is_on() const {
  std::error_code ec;
  if (fs::exists(dir_ / "bl_power", ec)) {
    if (auto v = read_int(dir_ / "bl_power")) return *v == 0;
    return std::nullopt;
  }
  if (auto v = read_int(dir_ / "brightness")) return *v > 0;
  return std::nullopt;
}

}  // namespace kiosk::platform

#include "platform/paths.hpp"

#include <unistd.h>

#include <cstdlib>
#include <system_error>

namespace kiosk::platform {
namespace fs = std::filesystem;

namespace {

fs::path env_path(const char* name) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? fs::path(v) : fs::path();
}

fs::path home() {
  fs::path h = env_path("HOME");
  return h.empty() ? fs::path("/tmp") : h;
}

bool writable_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec) && ::access(p.c_str(), W_OK) == 0;
}

}  // namespace

fs::path config_file() {
  if (auto p = env_path("KIOSK_CONFIG"); !p.empty()) return p;
  std::error_code ec;
  if (fs::exists("/etc/kiosk/kiosk.json", ec)) return "/etc/kiosk/kiosk.json";
  fs::path xdg = env_path("XDG_CONFIG_HOME");
  if (xdg.empty()) xdg = home() / ".config";
  return xdg / "kiosk" / "kiosk.json";
}

fs::path data_dir() {
  if (auto p = env_path("KIOSK_DATA_DIR"); !p.empty()) return p;
  if (writable_dir("/var/lib/kiosk")) return "/var/lib/kiosk";
  fs::path xdg = env_path("XDG_STATE_HOME");
  if (xdg.empty()) xdg = home() / ".local" / "state";
  return xdg / "kiosk";
}

fs::path runtime_dir() {
  if (auto p = env_path("XDG_RUNTIME_DIR"); !p.empty() && writable_dir(p)) return p / "kiosk";
  return fs::temp_directory_path() / ("kiosk-" + std::to_string(::getuid()));
}

fs::path asset_dir(const fs::path& source_tree_assets) {
  if (auto p = env_path("KIOSK_ASSET_DIR"); !p.empty()) return p;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "kiosk";
    if (fs::exists(installed / "i18n", ec)) return installed;
  }
  return source_tree_assets;
}

}  // namespace kiosk::platform

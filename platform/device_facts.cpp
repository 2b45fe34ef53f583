#include "platform/device_facts.hpp"

#include <arpa/inet.h>
#include <glob.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace kiosk::platform {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> read_line(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  // Device-tree strings end in NUL.
  while (!line.empty() && (line.back() == '\0' || line.back() == '\n' || line.back() == ' ')) line.pop_back();
  return line;
}

std::vector<fs::path> glob_paths(const fs::path& root, const std::string& pattern) {
  std::vector<fs::path> out;
  glob_t g{};
  if (::glob((root / pattern).c_str(), 0, nullptr, &g) == 0) {
    for (std::size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
  }
  ::globfree(&g);
  return out;
}

std::optional<double> cpu_temperature(const fs::path& root) {
  // Prefer the zone the SoC driver calls cpu-thermal (a Pi has only that one; other boards several).
  std::optional<double> first;
  for (const auto& zone : glob_paths(root, "sys/class/thermal/thermal_zone*")) {
    const auto milli = read_line(zone / "temp");
    if (!milli) continue;
    double value = 0;
    if (std::sscanf(milli->c_str(), "%lf", &value) != 1) continue;
    value /= 1000.0;
    if (read_line(zone / "type").value_or("") == "cpu-thermal") return value;
    if (!first) first = value;
  }
  return first;
}

std::optional<std::uint32_t> firmware_throttled(const fs::path& root) {
  for (const char* pattern :
       {"sys/devices/platform/soc/soc:firmware/get_throttled",
        "sys/devices/platform/*/*:firmware/get_throttled", "sys/devices/platform/*firmware*/get_throttled"}) {
    for (const auto& p : glob_paths(root, pattern)) {
      if (auto line = read_line(p)) {
        unsigned value = 0;
        if (std::sscanf(line->c_str(), "%x", &value) == 1) return value;
      }
    }
  }
  return std::nullopt;
}

std::optional<bool> hwmon_under_voltage(const fs::path& root) {
  for (const auto& hw : glob_paths(root, "sys/class/hwmon/hwmon*")) {
    if (read_line(hw / "name").value_or("") != "rpi_volt") continue;
    if (auto v = read_line(hw / "in0_lcrit_alarm")) return *v == "1";
  }
  return std::nullopt;
}

std::optional<std::int64_t> meminfo_kib(const std::string& text, const std::string& key) {
  const auto at = text.find(key + ":");
  if (at == std::string::npos) return std::nullopt;
  long long kib = 0;
  if (std::sscanf(text.c_str() + at + key.size() + 1, "%lld", &kib) != 1) return std::nullopt;
  return static_cast<std::int64_t>(kib) * 1024;
}

std::vector<std::string> interface_addresses() {
  std::vector<std::string> out;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return out;
  for (ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
    if (a->ifa_addr == nullptr || (a->ifa_flags & IFF_LOOPBACK) != 0 || (a->ifa_flags & IFF_UP) == 0)
      continue;
    char text[INET6_ADDRSTRLEN] = {};
    const int family = a->ifa_addr->sa_family;
    if (family == AF_INET) {
      ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr, text, sizeof text);
    } else if (family == AF_INET6) {
      const auto* in6 = reinterpret_cast<sockaddr_in6*>(a->ifa_addr);
      if (IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr)) continue;  // fe80:: helps nobody find the kiosk
      ::inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
    } else {
      continue;
    }
    out.push_back(std::string(a->ifa_name) + " " + text);
  }
  ::freeifaddrs(list);
  return out;
}

}  // namespace

DeviceFacts read_device_facts(const fs::path& root, const fs::path& data_dir) {
  DeviceFacts f;
  f.model = read_line(root / "proc/device-tree/model").value_or("");
  if (f.model.empty()) f.model = read_line(root / "sys/firmware/devicetree/base/model").value_or("");
  f.cpu_celsius = cpu_temperature(root);
  f.throttled = firmware_throttled(root);
  if (!f.throttled) f.under_voltage_now = hwmon_under_voltage(root);
  if (auto up = read_line(root / "proc/uptime")) {
    double s = 0;
    if (std::sscanf(up->c_str(), "%lf", &s) == 1) f.uptime_s = s;
  }
  if (std::ifstream in(root / "proc/meminfo"); in) {
    std::stringstream text;
    text << in.rdbuf();
    f.memory_total_bytes = meminfo_kib(text.str(), "MemTotal");
    f.memory_available_bytes = meminfo_kib(text.str(), "MemAvailable");
  }
  struct statvfs vfs {};
  if (!data_dir.empty() && ::statvfs(data_dir.c_str(), &vfs) == 0) {
    f.disk_free_bytes = static_cast<std::int64_t>(vfs.f_bavail) * static_cast<std::int64_t>(vfs.f_frsize);
    f.disk_total_bytes = static_cast<std::int64_t>(vfs.f_blocks) * static_cast<std::int64_t>(vfs.f_frsize);
  }
  struct statfs fs_info {};
  if (!data_dir.empty() && ::statfs(data_dir.c_str(), &fs_info) == 0)
    f.data_in_ram = file_system_in_ram(static_cast<long>(fs_info.f_type));
  f.addresses = interface_addresses();
  return f;
}

bool file_system_in_ram(long magic) {
  constexpr long kTmpfs = 0x01021994, kOverlay = 0x794c7630, kRamfs = static_cast<long>(0x858458f6);
  return magic == kTmpfs || magic == kOverlay || magic == kRamfs;
}

std::vector<std::string> throttled_codes(std::uint32_t bits) {
  static const std::pair<std::uint32_t, const char*> kBits[] = {{1u << 0, "under_voltage_now"},
                                                                {1u << 1, "capped_now"},
                                                                {1u << 2, "throttled_now"},
                                                                {1u << 3, "soft_temperature_now"},
                                                                {1u << 16, "under_voltage_since_boot"},
                                                                {1u << 17, "capped_since_boot"},
                                                                {1u << 18, "throttled_since_boot"},
                                                                {1u << 19, "soft_temperature_since_boot"}};
  std::vector<std::string> out;
  for (const auto& [bit, code] : kBits) {
    if ((bits & bit) != 0) out.emplace_back(code);
  }
  return out;
}

std::vector<DeviceWarning> DeviceFacts::warnings() const {
  std::vector<DeviceWarning> out;
  const bool uv_now = (throttled && (*throttled & 1u) != 0) || under_voltage_now.value_or(false);
  if (uv_now) {
    out.push_back({"under_voltage_now",
                   {},
                   "under-voltage now: use the official 5 V power supply and a short, thick cable"});
  } else if (throttled && (*throttled & (1u << 16)) != 0) {
    out.push_back(
        {"under_voltage_since_boot", {}, "under-voltage happened since boot: check the power supply"});
  }
  if (throttled && (*throttled & 0x6u) != 0)
    out.push_back({"throttled_now", {}, "CPU throttled now: the board is too hot or under-powered"});
  if (cpu_celsius && *cpu_celsius >= 80) {
    const std::string c = std::to_string(static_cast<int>(*cpu_celsius));
    out.push_back({"cpu_hot", {c}, "CPU at " + c + " °C: give the board air or a heatsink"});
  }
  if (disk_free_bytes && disk_total_bytes && *disk_total_bytes > 0 &&
      (*disk_free_bytes < 200LL * 1024 * 1024 || *disk_free_bytes * 20 < *disk_total_bytes)) {
    const std::string free = format_bytes(*disk_free_bytes);
    out.push_back({"disk_almost_full", {free}, "data partition almost full: " + free + " free"});
  }
  if (data_in_ram) {
    out.push_back(
        {"data_in_ram",
         {},
         "the data directory is in RAM (tmpfs or an overlay): synced content is lost at every reboot; "
         "see \"read-only root\" in the deployment guide"});
  }
  if (memory_available_bytes && *memory_available_bytes < 64LL * 1024 * 1024) {
    const std::string available = format_bytes(*memory_available_bytes);
    out.push_back({"memory_low", {available}, "memory low: " + available + " available"});
  }
  return out;
}

DurationParts split_duration(double seconds) {
  const auto s = static_cast<long long>(std::max(0.0, seconds));
  return {s / 86400, s % 86400 / 3600, s % 3600 / 60};
}

std::string format_bytes(std::int64_t bytes) {
  char buf[32];
  const double b = static_cast<double>(bytes);
  if (b >= 1e9)
    std::snprintf(buf, sizeof buf, "%.1f GB", b / 1e9);
  else
    std::snprintf(buf, sizeof buf, "%.0f MB", b / 1e6);
  return buf;
}

}  // namespace kiosk::platform

#pragma once
// What staff need to know about the board when they open the overlay (and what the log warns about):
// temperature, the Pi firmware's throttling and under-voltage flags, free space on the data
// partition, memory, uptime, network addresses, the board model. Every reader takes the root of the
// tree it reads (<root>/sys, <root>/proc) so tests run against a fake one; a missing file just
// leaves its fact unknown — most boards expose only some of these.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::platform {

struct DeviceFacts {
  std::string model;  // "Raspberry Pi 4 Model B Rev 1.4"; "" if unknown
  std::optional<double> cpu_celsius;
  std::optional<std::uint32_t> throttled;  // the firmware's get_throttled bits
  std::optional<bool> under_voltage_now;   // from the rpi_volt hwmon alarm, where get_throttled is absent
  std::optional<double> uptime_s;
  std::optional<std::int64_t> disk_free_bytes, disk_total_bytes;  // the data directory's file system
  std::optional<std::int64_t> memory_available_bytes, memory_total_bytes;
  std::vector<std::string> addresses;  // "eth0 192.168.1.20", loopback left out
  // The data directory lives in RAM (tmpfs, or an overlay such as overlayroot's): everything synced
  // is silently lost at the next reboot.
  bool data_in_ram = false;

  // Problems worth a log warning and a red line for staff (under-voltage, a full disk); empty when
  // all is well.
  std::vector<struct DeviceWarning> warnings() const;
};

// One problem: a code the kiosk words in the visitor's language (i18n "device.<code>", `args` for
// {0}, {1}), and English for the journal.
struct DeviceWarning {
  std::string code;
  std::vector<std::string> args;
  std::string english;
  bool operator==(const DeviceWarning&) const = default;
};

DeviceFacts read_device_facts(const std::filesystem::path& root, const std::filesystem::path& data_dir);

// statfs(2) magic numbers of file systems whose writes do not survive a reboot.
bool file_system_in_ram(long magic);

// The firmware's bits that are set, as codes for i18n "throttle.<code>": "under_voltage_now",
// "throttled_since_boot", ...
std::vector<std::string> throttled_codes(std::uint32_t bits);

// Whole days, hours and minutes of a duration, for words in either language.
struct DurationParts {
  long long days = 0, hours = 0, minutes = 0;
};
DurationParts split_duration(double seconds);
// "1.2 GB", "350 MB".
std::string format_bytes(std::int64_t bytes);

}  // namespace kiosk::platform

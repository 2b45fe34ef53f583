// Device facts from a fake Raspberry Pi tree: temperature, the firmware's throttling bits, the
// rpi_volt alarm, uptime, memory; and what a board without any of them (a PC, a container) shows.
#include <doctest/doctest.h>

#include <filesystem>

#include "platform/device_facts.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

void put(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  test::write_text(file, text);
}

void fake_pi(const fs::path& root, const std::string& throttled) {
  put(root / "proc/device-tree/model", std::string("Raspberry Pi 4 Model B Rev 1.4") + '\0');
  put(root / "sys/class/thermal/thermal_zone0/type", "cpu-thermal\n");
  put(root / "sys/class/thermal/thermal_zone0/temp", "61855\n");
  put(root / "sys/devices/platform/soc/soc:firmware/get_throttled", throttled + "\n");
  put(root / "proc/uptime", "356521.44 1389000.12\n");
  put(root / "proc/meminfo",
      "MemTotal:        3884136 kB\nMemFree:          812000 kB\nMemAvailable:    2716500 kB\n");
}

}  // namespace

TEST_CASE("a healthy Pi: model - temperature - uptime - memory - no warnings") {
  test::TempDir root;
  fake_pi(root.path(), "0x0");
  // The data directory: the checkout, on a real disk (a temp dir may be tmpfs, which warns).
  const auto f = platform::read_device_facts(root.path(), test::source_dir());
  CHECK(f.model == "Raspberry Pi 4 Model B Rev 1.4");
  REQUIRE(f.cpu_celsius.has_value());
  CHECK(*f.cpu_celsius == doctest::Approx(61.855));
  REQUIRE(f.throttled.has_value());
  CHECK(*f.throttled == 0);
  REQUIRE(f.uptime_s.has_value());
  CHECK(platform::split_duration(*f.uptime_s).days == 4);
  CHECK(platform::split_duration(*f.uptime_s).hours == 3);
  CHECK(f.memory_total_bytes == 3884136LL * 1024);
  CHECK(f.memory_available_bytes == 2716500LL * 1024);
  CHECK(f.disk_total_bytes.value_or(0) > 0);                        // statvfs of the real file system
  for (const auto& a : f.addresses) CHECK(a.rfind("lo ", 0) != 0);  // loopback never listed
  CHECK(f.warnings().empty());
}

TEST_CASE(
    "under-voltage now and throttling since boot become staff warnings - codes for words in both languages") {
  test::TempDir root;
  fake_pi(root.path(), "0x50005");
  const auto f = platform::read_device_facts(root.path(), test::source_dir());
  REQUIRE(f.throttled.has_value());
  CHECK(*f.throttled == 0x50005);
  CHECK(platform::throttled_codes(*f.throttled) ==
        std::vector<std::string>{"under_voltage_now", "throttled_now", "under_voltage_since_boot",
                                 "throttled_since_boot"});
  const auto w = f.warnings();
  REQUIRE(w.size() == 2);
  CHECK(w[0].code == "under_voltage_now");
  CHECK(w[0].english.find("power supply") != std::string::npos);
  CHECK(w[1].code == "throttled_now");
}

TEST_CASE("a Pi 5 kernel without get_throttled still reports under-voltage through rpi_volt") {
  test::TempDir root;
  put(root.path() / "sys/class/hwmon/hwmon0/name", "cpu_thermal\n");
  put(root.path() / "sys/class/hwmon/hwmon1/name", "rpi_volt\n");
  put(root.path() / "sys/class/hwmon/hwmon1/in0_lcrit_alarm", "1\n");
  const auto f = platform::read_device_facts(root.path(), test::source_dir());
  CHECK_FALSE(f.throttled.has_value());
  CHECK(f.under_voltage_now == true);
  CHECK(f.warnings().size() == 1);
}

TEST_CASE("a hot board and a nearly full disk warn too") {
  platform::DeviceFacts f;
  f.cpu_celsius = 83.2;
  f.disk_free_bytes = 150LL * 1000 * 1000;
  f.disk_total_bytes = 30LL * 1000 * 1000 * 1000;
  const auto w = f.warnings();
  REQUIRE(w.size() == 2);
  CHECK(w[0].code == "cpu_hot");
  CHECK(w[0].args == std::vector<std::string>{"83"});
  CHECK(w[0].english.find("83 °C") != std::string::npos);
  CHECK(w[1].code == "disk_almost_full");
  CHECK(w[1].english.find("150 MB free") != std::string::npos);
}

TEST_CASE("a board that exposes none of it leaves the facts unknown - not invented") {
  test::TempDir root;
  const auto f = platform::read_device_facts(root.path(), "");
  CHECK(f.model.empty());
  CHECK_FALSE(f.cpu_celsius.has_value());
  CHECK_FALSE(f.throttled.has_value());
  CHECK_FALSE(f.under_voltage_now.has_value());
  CHECK_FALSE(f.uptime_s.has_value());
  CHECK_FALSE(f.memory_total_bytes.has_value());
  CHECK_FALSE(f.disk_free_bytes.has_value());
  CHECK(f.warnings().empty());
}

TEST_CASE("a data directory in RAM (overlayroot - tmpfs) is a warning: every sync would be lost at reboot") {
  CHECK(platform::file_system_in_ram(0x794c7630));    // overlayfs
  CHECK(platform::file_system_in_ram(0x01021994));    // tmpfs
  CHECK_FALSE(platform::file_system_in_ram(0xEF53));  // ext4
  if (std::filesystem::exists("/dev/shm")) {          // tmpfs on every Linux we run on
    const auto f = platform::read_device_facts("/nonexistent-root", "/dev/shm");
    CHECK(f.data_in_ram);
    REQUIRE_FALSE(f.warnings().empty());
    CHECK(f.warnings().back().code == "data_in_ram");
    CHECK(f.warnings().back().english.find("lost at every reboot") != std::string::npos);
  }
}

TEST_CASE("durations and sizes read naturally") {
  CHECK(platform::split_duration(59).minutes == 0);
  const auto t = platform::split_duration(2 * 86400 + 3 * 3600 + 7 * 60 + 5);
  CHECK(t.days == 2);
  CHECK(t.hours == 3);
  CHECK(t.minutes == 7);
  CHECK(platform::format_bytes(350LL * 1000 * 1000) == "350 MB");
  CHECK(platform::format_bytes(12LL * 1000 * 1000 * 1000 + 4e8) == "12.4 GB");
}

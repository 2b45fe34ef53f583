#include "sync/fleet/report_facts.hpp"

#include "platform/start_journal.hpp"
#include "sync/store/store.hpp"

namespace kiosk::fleet {

void add_content_facts(KioskReport& r, const content::VersionInfo& version) {
  r.content_version = version.origin == "feed" ? version.version : 0;
  r.manifest_sha256 = version.manifest_sha256;
  r.content_origin = version.origin;
}

void add_sync_facts(KioskReport& r, const sync::SyncStatus& s) {
  if (!s.configured) {
    r.sync_result = "not_configured";
    return;
  }
  r.sync_result = s.last_attempt == 0 ? "never" : s.last_error.empty() ? "ok" : "error";
  r.last_sync = s.last_success;
  r.last_attempt = s.last_attempt;
  r.failure_code = s.last_error_code;
  r.failure = s.last_error;
  r.failures = s.failures;
  r.feed_frozen = s.last_error_code == "expired";
}

void add_device_facts(KioskReport& r, const platform::DeviceFacts& f) {
  r.cpu_celsius = f.cpu_celsius;
  r.throttled = f.throttled;
  // get_throttled bit 0: under-voltage now; boards without the firmware call report it via hwmon.
  r.under_voltage = (f.throttled && (*f.throttled & 0x1u) != 0) || f.under_voltage_now.value_or(false);
  r.disk_free_bytes = f.disk_free_bytes;
  r.memory_available_bytes = f.memory_available_bytes;
  r.uptime_s = f.uptime_s;
  r.addresses = f.addresses;
}

KioskReport report_from_data_dir(const std::filesystem::path& data_dir,
                                 const std::filesystem::path& system_root, const std::string& software) {
  KioskReport r;
  r.software = software;
  r.display = "none";
  const auto db = data_dir / "content.db";
  if (std::filesystem::exists(db)) {
    store::OpenOptions options;
    options.db_path = db;
    auto st = store::Store::open(options);
    add_content_facts(r, st->version());
    auto status = sync::SyncStatus::from_json(st->state("status").value_or("{}"));
    add_sync_facts(r, status);
  }
  const auto starts = platform::StartJournal::read(data_dir / "starts");
  r.safe_mode = !starts.empty() && starts.back().mode != platform::SafeMode::off;
  add_device_facts(r, platform::read_device_facts(system_root, data_dir));
  return r;
}

}  // namespace kiosk::fleet

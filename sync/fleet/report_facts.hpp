#pragma once
// Filling a heartbeat from what the kiosk knows: the sync engine's status, the content version, the
// board's facts, and (for `kioskctl heartbeat`) everything a data directory records.
#include <filesystem>
#include <string>

#include "platform/device_facts.hpp"
#include "sync/content/snapshot.hpp"
#include "sync/engine/sync_status.hpp"
#include "sync/fleet/heartbeat.hpp"

namespace kiosk::fleet {

void add_content_facts(KioskReport& r, const content::VersionInfo& version);
void add_sync_facts(KioskReport& r, const sync::SyncStatus& status);
void add_device_facts(KioskReport& r, const platform::DeviceFacts& facts);

// A report from a data directory alone (content.db, starts, the board): what a kiosk would say
// about itself, for `kioskctl heartbeat --once`. The display is reported as unknown ("none").
KioskReport report_from_data_dir(const std::filesystem::path& data_dir,
                                 const std::filesystem::path& system_root, const std::string& software);

}  // namespace kiosk::fleet

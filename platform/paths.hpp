#pragma once
// Where things live. On a device: config in /etc/kiosk/, data in /var/lib/kiosk/, assets in
// /usr/share/kiosk/. For a developer: XDG directories and the source tree. Everything can be
// overridden on the command line or with KIOSK_* environment variables.
#include <filesystem>

namespace kiosk::platform {

std::filesystem::path
config_file();                     // $KIOSK_CONFIG, /etc/kiosk/kiosk.json, $XDG_CONFIG_HOME/kiosk/kiosk.json
std::filesystem::path data_dir();  // $KIOSK_DATA_DIR, /var/lib/kiosk if writable, $XDG_STATE_HOME/kiosk
std::filesystem::path runtime_dir();  // $XDG_RUNTIME_DIR/kiosk or /tmp/kiosk-<uid>: scratch that may vanish
// Assets (i18n/, demo/): $KIOSK_ASSET_DIR, <exe>/../share/kiosk, or the source tree of a dev build.
std::filesystem::path asset_dir(const std::filesystem::path& source_tree_assets);

}  // namespace kiosk::platform

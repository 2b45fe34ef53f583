#pragma once
// A publisher's keys directory (kioskctl keygen): the root key, which should live offline, signs
// root.json, which names the online key; the online key signs every timestamp and manifest.
//   root.key  root.pub  online.key  online.pub  root.json
#include <filesystem>

#include "sync/content/time.hpp"
#include "sync/feed/ed25519.hpp"
#include "sync/feed/feed_model.hpp"

namespace kiosk::feed {

inline constexpr content::UnixSeconds kRootLifetime = 5LL * 365 * 86400;

struct KeyPaths {
  explicit KeyPaths(std::filesystem::path directory) : dir(std::move(directory)) {}
  std::filesystem::path dir;
  std::filesystem::path root_key() const { return dir / "root.key"; }
  std::filesystem::path root_pub() const { return dir / "root.pub"; }
  std::filesystem::path online_key() const { return dir / "online.key"; }
  std::filesystem::path online_pub() const { return dir / "online.pub"; }
  std::filesystem::path root_json() const { return dir / "root.json"; }
};

// New root and online keys and a root.json (version 1) signed by the root key. Refuses to
// overwrite existing keys. Returns the root public key in base64 (what kiosks pin).
std::string generate_keys(const std::filesystem::path& dir, content::UnixSeconds now);

// Rotation: new keys in `new_dir`, and a root.json one version up signed by the old root key and
// the new one, so kiosks that trust the old root accept the new one.
std::string rotate_keys(const std::filesystem::path& old_dir, const std::filesystem::path& new_dir,
                        content::UnixSeconds now);

}  // namespace kiosk::feed

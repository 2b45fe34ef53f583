#include "sync/feed/keys.hpp"

#include <stdexcept>
#include <system_error>
#include <vector>

#include "platform/files.hpp"
#include "sync/feed/signed_file.hpp"

namespace kiosk::feed {
namespace fs = std::filesystem;

namespace {

void refuse_overwrite(const KeyPaths& k) {
  std::error_code ec;
  for (const auto& p : {k.root_key(), k.online_key()}) {
    if (fs::exists(p, ec))
      throw std::runtime_error(p.string() + " already exists: refusing to overwrite keys");
  }
  fs::create_directories(k.dir, ec);
}

void write_pub(const fs::path& file, const PublicKey& key) {
  platform::write_file_atomic(file, to_base64(key) + "\n");
}

// New root and online keys in `k`, and their root.json at `version`, signed by the new root and,
// when rotating, first by the previous one. Returns the new root public key in base64.
std::string write_key_set(const KeyPaths& k, std::int64_t version, content::UnixSeconds now,
                          const PrivateKey* previous_root) {
  refuse_overwrite(k);
  const PrivateKey root = PrivateKey::generate();
  const PrivateKey online = PrivateKey::generate();
  root.save(k.root_key());
  online.save(k.online_key());
  write_pub(k.root_pub(), root.public_key());
  write_pub(k.online_pub(), online.public_key());
  Root r;
  r.version = version;
  r.expires = now + kRootLifetime;
  r.root_keys = {root.public_key()};
  r.online_keys = {online.public_key()};
  std::vector<const PrivateKey*> signers;
  if (previous_root != nullptr) signers.push_back(previous_root);
  signers.push_back(&root);
  platform::write_file_atomic(k.root_json(), make_signed("root", to_payload(r), signers));
  return to_base64(root.public_key());
}

}  // namespace

std::string generate_keys(const fs::path& dir, content::UnixSeconds now) {
  return write_key_set(KeyPaths(dir), 1, now, nullptr);
}

std::string rotate_keys(const fs::path& old_dir, const fs::path& new_dir, content::UnixSeconds now) {
  const KeyPaths old_keys(old_dir);
  const PrivateKey old_root = PrivateKey::load(old_keys.root_key());
  const std::string old_root_json = platform::read_file(old_keys.root_json(), kMaxRootBytes);
  const Root previous = parse_root(open_signed("root", old_root_json, {old_root.public_key()}).payload);
  return write_key_set(KeyPaths(new_dir), previous.version + 1, now, &old_root);
}

}  // namespace kiosk::feed

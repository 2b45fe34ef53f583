#pragma once
// The signed envelope of root.json, timestamp.json and manifests: a few header lines, then the
// exact payload bytes. The signature covers the bytes as they arrived — no JSON is parsed before it
// has been verified, and no canonical-JSON ambiguity exists.
//
//   kiosk-signed-v1
//   sig <key id> <base64 Ed25519 signature>
//   (more sig lines)
//   <empty line>
//   <payload: JSON>
//
// What is signed is "kiosk-feed-v1\n" + type + "\n" + payload, so a signed timestamp can never be
// passed off as a manifest or a root (domain separation).
#include <string>
#include <string_view>
#include <vector>

#include "sync/feed/ed25519.hpp"

namespace kiosk::feed {

std::string make_signed(std::string_view type, std::string_view payload,
                        const std::vector<const PrivateKey*>& keys);

struct Opened {
  std::string payload;
  std::vector<std::string> signers;  // key ids of the trusted keys whose signatures verified
};

// Verifies that at least `threshold` distinct keys of `trusted` signed `bytes` as `type`. Throws
// FeedError: captive_portal (a web page), malformed (no envelope), bad_signature (none or too few
// trusted signatures: tampered, or signed by an unknown key).
Opened open_signed(std::string_view type, std::string_view bytes, const std::vector<PublicKey>& trusted,
                   int threshold = 1);

// The key ids in an envelope without verifying anything (to ask for a newer root when they are unknown).
std::vector<std::string> signature_key_ids(std::string_view bytes);

}  // namespace kiosk::feed

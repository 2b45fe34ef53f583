#include "sync/feed/signed_file.hpp"

#include <algorithm>
#include <set>

#include "sync/feed/feed_error.hpp"

namespace kiosk::feed {
namespace {

constexpr std::string_view kMagic = "kiosk-signed-v1\n";
constexpr std::size_t kMaxSignatures = 8;

std::string message_for(std::string_view type, std::string_view payload) {
  std::string m = "kiosk-feed-v1\n";
  m += type;
  m += '\n';
  m += payload;
  return m;
}

struct Envelope {
  std::vector<std::pair<std::string, std::string>> sigs;  // key id, base64 signature
  std::string_view payload;
};

bool looks_like_html(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t'))
    ++i;
  return i < bytes.size() && bytes[i] == '<';
}

Envelope parse(std::string_view type, std::string_view bytes) {
  if (bytes.substr(0, kMagic.size()) != kMagic) {
    if (looks_like_html(bytes)) {
      throw FeedError(Failure::captive_portal,
                      "received a web page instead of " + std::string(type) +
                          " (a captive portal, proxy login or wrong server address?)");
    }
    throw FeedError(Failure::malformed, std::string(type) + " is not a signed kiosk feed file");
  }
  Envelope env;
  std::size_t pos = kMagic.size();
  for (;;) {
    const std::size_t eol = bytes.find('\n', pos);
    if (eol == std::string_view::npos)
      throw FeedError(Failure::malformed, std::string(type) + ": envelope is cut off");
    const std::string_view line = bytes.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty()) break;
    if (line.substr(0, 4) != "sig " || env.sigs.size() >= kMaxSignatures || line.size() > 200) {
      throw FeedError(Failure::malformed, std::string(type) + ": unexpected envelope line");
    }
    const std::size_t space = line.find(' ', 4);
    if (space == std::string_view::npos)
      throw FeedError(Failure::malformed, std::string(type) + ": bad signature line");
    env.sigs.emplace_back(std::string(line.substr(4, space - 4)), std::string(line.substr(space + 1)));
  }
  env.payload = bytes.substr(pos);
  return env;
}

}  // namespace

std::string make_signed(std::string_view type, std::string_view payload,
                        const std::vector<const PrivateKey*>& keys) {
  std::string out(kMagic);
  const std::string message = message_for(type, payload);
  for (const PrivateKey* k : keys) {
    out += "sig " + key_id(k->public_key()) + " " + base64_encode(k->sign(message)) + "\n";
  }
  out += "\n";
  out += payload;
  return out;
}

std::vector<std::string> signature_key_ids(std::string_view bytes) {
  std::vector<std::string> ids;
  try {
    for (const auto& [id, sig] : parse("file", bytes).sigs) ids.push_back(id);
  } catch (const FeedError&) {
  }
  return ids;
}

Opened open_signed(std::string_view type, std::string_view bytes, const std::vector<PublicKey>& trusted,
                   int threshold) {
  const Envelope env = parse(type, bytes);
  const std::string message = message_for(type, env.payload);
  std::set<std::string> good;
  for (const auto& [id, sig64] : env.sigs) {
    for (const PublicKey& key : trusted) {
      if (key_id(key) != id || good.count(id)) continue;
      std::string sig;
      try {
        sig = base64_decode(sig64);
      } catch (const std::exception&) {
        continue;
      }
      if (ed25519_verify(key, message, sig)) good.insert(id);
    }
  }
  if (static_cast<int>(good.size()) < threshold) {
    const bool known = std::any_of(env.sigs.begin(), env.sigs.end(), [&](const auto& s) {
      return std::any_of(trusted.begin(), trusted.end(),
                         [&](const PublicKey& k) { return key_id(k) == s.first; });
    });
    throw FeedError(Failure::bad_signature,
                    known ? std::string(type) + " does not match its signature: it was altered after signing"
                          : std::string(type) +
                                " is signed by a key this kiosk does not trust (check the root key "
                                "in the kiosk's configuration)");
  }
  return Opened{std::string(env.payload), std::vector<std::string>(good.begin(), good.end())};
}

}  // namespace kiosk::feed

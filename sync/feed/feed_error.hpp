#pragma once
// Everything that can go wrong between a publisher and a kiosk, as a code (for tests, logs and the
// status file) and a sentence staff can act on (for the staff overlay and `kioskctl status`).
#include <stdexcept>
#include <string>

namespace kiosk::feed {

enum class Failure {
  none,
  config,           // the kiosk's own settings are wrong
  network,          // cannot connect, DNS, connection reset
  timeout,          // no answer, or too slow
  tls,              // certificate not trusted / wrong host
  http,             // 4xx/5xx
  rate_limited,     // 429
  captive_portal,   // a web page instead of the feed
  too_large,        // more bytes than announced or allowed
  truncated,        // fewer bytes than announced
  bad_signature,    // tampered, or signed by a key we do not trust
  malformed,        // signed but not the format we read
  hash_mismatch,    // bytes do not match the hash the manifest promised
  rollback,         // an older version than we already have
  expired,          // a timestamp or manifest past its expiry (freeze attack or stopped publisher)
  missing_object,   // the manifest names a file the server does not have
  invalid_content,  // signed, complete, but fails validation: the whole version is refused
  disk_full,        // the data partition is full
  storage,          // other local write/database errors
};

const char* failure_code(Failure f);  // "bad_signature" ...

class FeedError : public std::runtime_error {
 public:
  FeedError(Failure failure, const std::string& message, double retry_after = -1)
      : std::runtime_error(message), failure_(failure), retry_after_(retry_after) {}
  Failure failure() const { return failure_; }
  double retry_after() const { return retry_after_; }  // seconds the server asked us to wait, or -1

 private:
  Failure failure_;
  double retry_after_;
};

}  // namespace kiosk::feed

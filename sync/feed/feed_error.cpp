#include "sync/feed/feed_error.hpp"

namespace kiosk::feed {

const char* failure_code(Failure f) {
  switch (f) {
    case Failure::none:
      return "none";
    case Failure::config:
      return "config";
    case Failure::network:
      return "network";
    case Failure::timeout:
      return "timeout";
    case Failure::tls:
      return "tls";
    case Failure::http:
      return "http";
    case Failure::rate_limited:
      return "rate_limited";
    case Failure::captive_portal:
      return "captive_portal";
    case Failure::too_large:
      return "too_large";
    case Failure::truncated:
      return "truncated";
    case Failure::bad_signature:
      return "bad_signature";
    case Failure::malformed:
      return "malformed";
    case Failure::hash_mismatch:
      return "hash_mismatch";
    case Failure::rollback:
      return "rollback";
    case Failure::expired:
      return "expired";
    case Failure::missing_object:
      return "missing_object";
    case Failure::invalid_content:
      return "invalid_content";
    case Failure::disk_full:
      return "disk_full";
    case Failure::storage:
      return "storage";
  }
  return "unknown";
}

}  // namespace kiosk::feed

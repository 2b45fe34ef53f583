#include "sync/engine/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::sync {

double next_delay(const BackoffPolicy& p, int failures, double retry_after_s, double random01) {
  if (failures <= 0) return p.poll_interval_s;
  const double ceiling = std::min(p.max_retry_s, p.first_retry_s * std::pow(2.0, std::min(failures - 1, 30)));
  // "Equal jitter": half fixed, half random, so a retry is never immediate.
  const double delay = ceiling * (0.5 + 0.5 * std::clamp(random01, 0.0, 1.0));
  return std::min(std::max(delay, retry_after_s), std::max(p.max_retry_s, std::min(retry_after_s, 3600.0)));
}

}  // namespace kiosk::sync

#pragma once
// When to try again. After a success: the poll interval. After failures: exponential backoff with
// jitter (so 200 kiosks that lost the network together do not return together), at least what the
// server asked for with Retry-After, never more than the cap. Pure, so it is tested exactly.
namespace kiosk::sync {

struct BackoffPolicy {
  double poll_interval_s = 300;
  double first_retry_s = 5;
  double max_retry_s = 900;
};

// `failures`: consecutive failures (0 after a success). `random01` in [0, 1).
double next_delay(const BackoffPolicy& p, int failures, double retry_after_s, double random01);

}  // namespace kiosk::sync

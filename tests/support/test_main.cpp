#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <csignal>

#include "platform/log.hpp"

int main(int argc, char** argv) {
  // A peer that hangs up must be an error value, not a signal that kills the process (as in the kiosk).
  std::signal(SIGPIPE, SIG_IGN);
  // Tests assert on behaviour, not on log lines; keep the output readable.
  kiosk::log::silence();
  doctest::Context context(argc, argv);
  return context.run();
}

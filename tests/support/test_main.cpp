#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "platform/log.hpp"

int main(int argc, char** argv) {
  // Tests assert on behaviour, not on log lines; keep the output readable.
  kiosk::log::silence();
  doctest::Context context(argc, argv);
  return context.run();
}

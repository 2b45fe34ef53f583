#pragma once
// Polls a condition until it holds or a limit passes: for tests that watch another thread or process
// reach a state. The limit is generous (ASan, qemu); a pass returns as soon as the state is reached.
#include <chrono>
#include <thread>

namespace kiosk::test {

template <class Pred>
bool wait_until(Pred pred, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

}  // namespace kiosk::test

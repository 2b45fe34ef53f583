#pragma once
// kioskctl prints content (titles, ids, a broken feed's values) to staff's terminal. While one of
// these lives, std::cout and std::cerr pass every line through platform::terminal_safe, so a
// string in the content can never send the terminal an escape sequence.
#include <iostream>
#include <memory>
#include <streambuf>
#include <string>

namespace kiosk::ctl {

class SafeOutput {
 public:
  SafeOutput();
  ~SafeOutput();
  SafeOutput(const SafeOutput&) = delete;
  SafeOutput& operator=(const SafeOutput&) = delete;

 private:
  class Filter;
  std::unique_ptr<Filter> out_, err_;
};

}  // namespace kiosk::ctl

#include "sync/kioskctl/safe_output.hpp"

#include "platform/terminal_text.hpp"

namespace kiosk::ctl {

// Collects a line, then writes it made safe to the stream's own buffer. Whole lines, because a
// UTF-8 character or an escape sequence may arrive split across writes.
class SafeOutput::Filter : public std::streambuf {
 public:
  explicit Filter(std::ostream& stream) : stream_(stream), target_(stream.rdbuf(this)) {}
  ~Filter() override {
    sync();
    stream_.rdbuf(target_);
  }

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    line_ += traits_type::to_char_type(ch);
    if (ch == '\n') return emit() ? ch : traits_type::eof();
    return ch;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    for (std::streamsize i = 0; i < n; ++i) {
      if (traits_type::eq_int_type(overflow(traits_type::to_int_type(s[i])), traits_type::eof())) return i;
    }
    return n;
  }
  int sync() override { return emit() && target_->pubsync() == 0 ? 0 : -1; }

 private:
  bool emit() {
    if (line_.empty()) return true;
    const std::string safe = platform::terminal_safe(line_);
    line_.clear();
    return target_->sputn(safe.data(), static_cast<std::streamsize>(safe.size())) ==
           static_cast<std::streamsize>(safe.size());
  }
  std::ostream& stream_;
  std::streambuf* target_;
  std::string line_;
};

SafeOutput::SafeOutput()
    : out_(std::make_unique<Filter>(std::cout)), err_(std::make_unique<Filter>(std::cerr)) {}
SafeOutput::~SafeOutput() = default;

}  // namespace kiosk::ctl

#pragma once
// A screenshot for the console: the frame the kiosk is showing, scaled down to at most 1280 px wide
// and encoded as PNG (exact, and small for flat UI colours) or, when a photo-heavy screen makes the
// PNG too big, as JPEG at the highest quality that fits 500 KB.
#include <cstddef>
#include <string>
#include <vector>

namespace kiosk::fleet {

constexpr int kMaxScreenshotWidth = 1280;
constexpr std::size_t kMaxScreenshotBytes = 500 * 1024;

struct Frame {
  int width = 0, height = 0;
  std::vector<unsigned char> rgba;  // width * height * 4, rows top to bottom
};

struct EncodedImage {
  std::string mime;  // "image/png" or "image/jpeg"
  std::string bytes;
  int width = 0, height = 0;
};

// Throws std::runtime_error if the frame is empty or nothing fits the byte cap.
EncodedImage encode_screenshot(const Frame& frame);

}  // namespace kiosk::fleet

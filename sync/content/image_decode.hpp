#pragma once
// Decodes a PNG or JPEG straight to the size it is shown at, so memory follows the output and not
// the file: JPEG through libjpeg-turbo's DCT scaling (N/8 while decoding), PNG row by row through
// libpng, both into RowScaler. A poster at the 40-megapixel cap costs a few MB where a whole RGBA
// decode cost 160 MB (issue #12: the kiosk's peak within 250 MB on a 1 GB Pi). The publisher,
// `check`, the console and the kiosk all decode with this, so an image `check` passes is one the
// kiosk shows, and one `check` refuses is refused with the same words everywhere.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::content {

struct DecodedImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  // width x height x 4, rows top to bottom
};

// What is wrong with an image, as the end of a sentence that starts with its file name
// ("is not a PNG or JPEG image", "cannot be decoded: the file ends early").
struct ImageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Decoding never holds more than this (a progressive JPEG keeps every coefficient of the whole
// image until its last scan, 3 bytes per pixel; a 12-megapixel phone photo needs 36 MB).
inline constexpr long kMaxDecodeMemory = 64L * 1024 * 1024;
// An interlaced PNG's rows are complete only after its last pass, so it is decoded whole (4 bytes
// per pixel): at most this many pixels.
inline constexpr long long kMaxInterlacedPixels = 4LL * 1000 * 1000;

// The image scaled to fit max_width x max_height, aspect kept, never enlarged. Checks the pixel cap
// (image_probe.hpp) before allocating anything. Throws ImageError.
DecodedImage decode_image(std::string_view bytes, int max_width, int max_height);

// What is wrong with an image, in words ("" when it is fine): not PNG/JPEG, over the pixel cap, or
// data that does not decode (a damaged file whose header is fine). Decodes the whole file, small.
std::string image_problem(std::string_view bytes);

}  // namespace kiosk::content

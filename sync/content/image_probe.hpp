#pragma once
// Reads an image's size from its header without decoding it (stb_image, packaged in Debian), and
// the one pixel cap every decode checks first (image_decode.hpp): on the publisher, in `check`, on
// the kiosk.
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::content {

struct ImageSize {
  int width = 0;
  int height = 0;
};

// PNG or JPEG only; anything else (or a broken header) is nullopt.
std::optional<ImageSize> probe_image(std::string_view bytes);

// No decode allocates for more than this: 8192 per side and 40 megapixels (160 MB as RGBA, checked
// from the header before a byte is allocated; a 1 GB Pi must survive a hostile image).
inline constexpr int kMaxImageSide = 8192;
inline constexpr long long kMaxImagePixels = 40LL * 1000 * 1000;
bool within_pixel_cap(const ImageSize& size);

}  // namespace kiosk::content

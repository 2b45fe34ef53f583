#pragma once
// Reads an image's size from its header without decoding it (stb_image, packaged in Debian).
#include <optional>
#include <string_view>

namespace kiosk::content {

struct ImageSize {
  int width = 0;
  int height = 0;
};

// PNG or JPEG only; anything else (or a broken header) is nullopt.
std::optional<ImageSize> probe_image(std::string_view bytes);

}  // namespace kiosk::content

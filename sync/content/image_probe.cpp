#include "sync/content/image_probe.hpp"

#include <stb/stb_image.h>

#include <climits>

namespace kiosk::content {

std::optional<ImageSize> probe_image(std::string_view bytes) {
  const bool png = bytes.size() > 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8);
  const bool jpeg = bytes.size() > 3 && bytes.substr(0, 3) == std::string_view("\xff\xd8\xff", 3);
  if ((!png && !jpeg) || bytes.size() > INT_MAX) return std::nullopt;
  int w = 0, h = 0, channels = 0;
  if (stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()),
                            &w, &h, &channels) != 1) {
    return std::nullopt;
  }
  if (w <= 0 || h <= 0) return std::nullopt;
  return ImageSize{w, h};
}

bool within_pixel_cap(const ImageSize& size) {
  return size.width <= kMaxImageSide && size.height <= kMaxImageSide &&
         static_cast<long long>(size.width) * size.height <= kMaxImagePixels;
}

}  // namespace kiosk::content

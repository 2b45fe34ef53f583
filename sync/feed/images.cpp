#include "sync/feed/images.hpp"

#include <stb/stb_image_write.h>

#include <algorithm>
#include <climits>
#include <stdexcept>
#include <vector>

#include "sync/content/image_decode.hpp"
#include "sync/content/image_probe.hpp"

namespace kiosk::feed {
namespace {

constexpr int kLongSide = 1920;
constexpr int kShortSide = 1080;
constexpr int kJpegQuality = 85;

void append(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

PreparedImage prepare_image(std::string_view bytes) {
  if (bytes.size() > INT_MAX) throw std::runtime_error("image too large");
  const auto size = content::probe_image(bytes);
  if (!size) throw std::runtime_error("not a PNG or JPEG image");
  const bool landscape = size->width >= size->height;
  content::DecodedImage image;
  try {
    image =
        content::decode_image(bytes, landscape ? kLongSide : kShortSide, landscape ? kShortSide : kLongSide);
  } catch (const content::ImageError& e) {
    throw std::runtime_error(std::string("the image ") + e.what());
  }
  PreparedImage out;
  out.width = image.width;
  out.height = image.height;
  std::vector<unsigned char>& rgba = image.rgba;
  bool transparent = false;
  for (std::size_t i = 3; i < rgba.size(); i += 4) {
    if (rgba[i] != 255) {
      transparent = true;
      break;
    }
  }
  if (transparent) {
    if (stbi_write_png_to_func(append, &out.bytes, out.width, out.height, 4, rgba.data(), out.width * 4) ==
        0) {
      throw std::runtime_error("PNG encoding failed");
    }
  } else {
    std::vector<unsigned char> rgb;
    rgb.reserve(rgba.size() / 4 * 3);
    for (std::size_t i = 0; i < rgba.size(); i += 4)
      rgb.insert(rgb.end(), {rgba[i], rgba[i + 1], rgba[i + 2]});
    if (stbi_write_jpg_to_func(append, &out.bytes, out.width, out.height, 3, rgb.data(), kJpegQuality) == 0) {
      throw std::runtime_error("JPEG encoding failed");
    }
  }
  return out;
}

}  // namespace kiosk::feed

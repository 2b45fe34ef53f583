#include "sync/feed/images.hpp"

#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <climits>
#include <stdexcept>
#include <vector>

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
  if (!content::within_pixel_cap(*size)) {  // before stb allocates width x height x 4 bytes
    throw std::runtime_error(std::to_string(size->width) + "x" + std::to_string(size->height) +
                             " pixels is over the cap of 8192 per side and 40 megapixels");
  }
  int w = 0, h = 0, channels = 0;
  stbi_uc* pixels = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                                          static_cast<int>(bytes.size()), &w, &h, &channels, 4);
  if (pixels == nullptr)
    throw std::runtime_error(std::string("cannot decode the image: ") + stbi_failure_reason());
  std::vector<unsigned char> rgba(pixels, pixels + static_cast<std::size_t>(w) * h * 4);
  stbi_image_free(pixels);

  const int max_w = w >= h ? kLongSide : kShortSide;
  const int max_h = w >= h ? kShortSide : kLongSide;
  const double scale = std::min({1.0, static_cast<double>(max_w) / w, static_cast<double>(max_h) / h});
  PreparedImage out;
  out.width = std::max(1, static_cast<int>(w * scale + 0.5));
  out.height = std::max(1, static_cast<int>(h * scale + 0.5));
  if (scale < 1.0) {
    std::vector<unsigned char> resized(static_cast<std::size_t>(out.width) * out.height * 4);
    stbir_resize_uint8_srgb(rgba.data(), w, h, 0, resized.data(), out.width, out.height, 0, 4, 3, 0);
    rgba.swap(resized);
  }
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

#include "sync/fleet/screenshot.hpp"

#include <stb/stb_image_resize.h>
#include <stb/stb_image_write.h>

#include <stdexcept>

namespace kiosk::fleet {
namespace {

void append(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

EncodedImage encode_screenshot(const Frame& frame) {
  if (frame.width <= 0 || frame.height <= 0 ||
      frame.rgba.size() !=
          static_cast<std::size_t>(frame.width) * static_cast<std::size_t>(frame.height) * 4) {
    throw std::runtime_error("no frame to send");
  }
  EncodedImage out;
  const std::vector<unsigned char>* pixels = &frame.rgba;
  std::vector<unsigned char> scaled;
  out.width = frame.width;
  out.height = frame.height;
  if (frame.width > kMaxScreenshotWidth) {
    out.width = kMaxScreenshotWidth;
    out.height = std::max(
        1, static_cast<int>(static_cast<long long>(frame.height) * kMaxScreenshotWidth / frame.width));
    scaled.resize(static_cast<std::size_t>(out.width) * out.height * 4);
    if (stbir_resize_uint8(frame.rgba.data(), frame.width, frame.height, 0, scaled.data(), out.width,
                           out.height, 0, 4) == 0) {
      throw std::runtime_error("the screenshot could not be scaled down");
    }
    pixels = &scaled;
  }
  // The frame is opaque: RGB is a quarter smaller than RGBA and JPEG needs it anyway.
  std::vector<unsigned char> rgb(static_cast<std::size_t>(out.width) * out.height * 3);
  for (std::size_t i = 0, j = 0; j < rgb.size(); i += 4, j += 3) {
    rgb[j] = (*pixels)[i];
    rgb[j + 1] = (*pixels)[i + 1];
    rgb[j + 2] = (*pixels)[i + 2];
  }
  if (stbi_write_png_to_func(append, &out.bytes, out.width, out.height, 3, rgb.data(), out.width * 3) != 0 &&
      out.bytes.size() <= kMaxScreenshotBytes) {
    out.mime = "image/png";
    return out;
  }
  for (int quality : {90, 80, 65, 50, 35}) {
    out.bytes.clear();
    if (stbi_write_jpg_to_func(append, &out.bytes, out.width, out.height, 3, rgb.data(), quality) != 0 &&
        out.bytes.size() <= kMaxScreenshotBytes) {
      out.mime = "image/jpeg";
      return out;
    }
  }
  throw std::runtime_error("the screenshot does not fit " + std::to_string(kMaxScreenshotBytes / 1024) +
                           " KB");
}

}  // namespace kiosk::fleet

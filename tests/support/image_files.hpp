#pragma once
// Encodes test images with the same libraries the kiosk decodes with, in the variants a camera or an
// image editor writes and stb_image_write cannot: interlaced PNG, progressive and CMYK JPEG.
#include <cstdint>
#include <functional>
#include <string>

namespace kiosk::test {

// The colour of pixel (x, y), as RGBA.
using PixelFn = std::function<std::uint32_t(int x, int y)>;
inline std::uint32_t rgba(std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a = 255) {
  return r | (g << 8) | (b << 16) | (static_cast<std::uint32_t>(a) << 24);
}

std::string encode_png(int w, int h, const PixelFn& pixel, bool interlaced = false);

enum class JpegKind { baseline, progressive, cmyk_adobe };
// cmyk_adobe stores inverted inks as Photoshop does; the pixel's RGB is turned into them.
std::string encode_jpeg(int w, int h, const PixelFn& pixel, JpegKind kind = JpegKind::baseline);

}  // namespace kiosk::test

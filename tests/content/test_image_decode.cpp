// The one image decoder (publisher, check, console, kiosk): it shrinks while decoding, so memory
// follows the output; every way a file can be damaged or too costly is refused in words.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "sync/content/image_decode.hpp"
#include "sync/content/image_scale.hpp"
#include "tests/support/image_files.hpp"

using namespace kiosk;
using content::decode_image;
using content::ImageError;
using test::rgba;

namespace {

std::uint32_t pixel_at(const content::DecodedImage& image, int x, int y) {
  const std::uint8_t* p = &image.rgba[(static_cast<std::size_t>(y) * image.width + x) * 4];
  return rgba(p[0], p[1], p[2], p[3]);
}

// Within `tolerance` per channel (JPEG is lossy).
bool near(std::uint32_t a, std::uint32_t b, int tolerance) {
  for (int i = 0; i < 4; ++i) {
    if (std::abs(static_cast<int>((a >> (8 * i)) & 0xFF) - static_cast<int>((b >> (8 * i)) & 0xFF)) >
        tolerance)
      return false;
  }
  return true;
}

// Left half red, right half blue.
std::uint32_t halves(int x, int w) {
  return x < w / 2 ? rgba(220, 30, 30) : rgba(30, 30, 220);
}

}  // namespace

TEST_CASE("RowScaler averages the area each output pixel covers - whole and fractional ratios") {
  SUBCASE("2:1 blocks keep their colours") {
    content::RowScaler s(4, 2, 2, 1);
    const std::uint8_t row[16] = {255, 0, 0, 255, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255, 255};
    s.push(row);
    s.push(row);
    REQUIRE(s.done());
    CHECK(std::vector<std::uint8_t>(s.pixels().begin(), s.pixels().end()) ==
          std::vector<std::uint8_t>{255, 0, 0, 255, 0, 0, 255, 255});
  }
  SUBCASE("5 to 3 keeps a flat colour exactly and a ramp's mean") {
    content::RowScaler s(5, 5, 3, 3);
    std::uint8_t row[20];
    for (int x = 0; x < 5; ++x)
      row[x * 4] = 100, row[x * 4 + 1] = static_cast<std::uint8_t>(x * 50), row[x * 4 + 2] = 0,
              row[x * 4 + 3] = 255;
    for (int y = 0; y < 5; ++y) s.push(row);
    for (int i = 0; i < 9; ++i) CHECK(static_cast<int>(s.pixels()[i * 4]) == 100);
    // Green ramps 0..200 over 5 columns; the middle output column covers source 1.67..3.33: (50/3 + 100 +
    // 150/3) / (5/3) = 100.
    CHECK(static_cast<int>(s.pixels()[1 * 4 + 1]) == 100);
    CHECK(static_cast<int>(s.pixels()[8 * 4 + 3]) == 255);
  }
  SUBCASE("transparent pixels lend no colour to their neighbours") {
    content::RowScaler s(2, 1, 1, 1);
    const std::uint8_t row[8] = {0, 0, 0, 0, 10, 200, 30, 255};  // transparent black beside opaque green
    s.push(row);
    CHECK(std::vector<std::uint8_t>(s.pixels().begin(), s.pixels().end()) ==
          std::vector<std::uint8_t>{10, 200, 30, 128});
  }
}

TEST_CASE("decode_image shrinks PNG and JPEG to fit - keeping aspect and colours - and never enlarges") {
  const auto pixel = [](int x, int) { return halves(x, 1600); };
  for (const bool jpeg : {false, true}) {
    CAPTURE(jpeg);
    const std::string bytes =
        jpeg ? test::encode_jpeg(1600, 1200, pixel) : test::encode_png(1600, 1200, pixel);
    const auto small = decode_image(bytes, 400, 400);
    CHECK(small.width == 400);
    CHECK(small.height == 300);
    REQUIRE(small.rgba.size() == 400u * 300 * 4);
    CHECK(near(pixel_at(small, 20, 150), rgba(220, 30, 30), 6));
    CHECK(near(pixel_at(small, 380, 150), rgba(30, 30, 220), 6));
    const auto whole = decode_image(bytes, 4000, 4000);
    CHECK(whole.width == 1600);
    CHECK(whole.height == 1200);
  }
}

TEST_CASE("an interlaced PNG decodes like a plain one - and one over 4 megapixels is refused in words") {
  const auto pixel = [](int x, int y) {
    return rgba(static_cast<std::uint8_t>(x), static_cast<std::uint8_t>(y), 90, 200);
  };
  const auto plain = decode_image(test::encode_png(256, 128, pixel), 64, 64);
  const auto interlaced = decode_image(test::encode_png(256, 128, pixel, true), 64, 64);
  CHECK(interlaced.width == 64);
  CHECK(interlaced.height == 32);
  CHECK(interlaced.rgba == plain.rgba);
  const std::string big = test::encode_png(
      2100, 2000, [](int, int) { return rgba(1, 2, 3); }, true);
  CHECK_THROWS_WITH_AS(
      decode_image(big, 800, 800),
      "is an interlaced PNG of more than 4 megapixels; save it without interlacing (the usual setting)",
      ImageError);
  CHECK(content::image_problem(big).find("interlaced") != std::string::npos);
}

TEST_CASE("progressive JPEGs decode within the memory cap - beyond it they are refused and not allocated") {
  const auto pixel = [](int x, int) { return halves(x, 800); };
  const auto small = decode_image(test::encode_jpeg(800, 600, pixel, test::JpegKind::progressive), 200, 200);
  CHECK(small.width == 200);
  CHECK(near(pixel_at(small, 10, 75), rgba(220, 30, 30), 8));
  // 4:4:4 at 4000x3000 keeps 72 MB of coefficients until the last scan: over the 64 MB cap.
  const std::string huge = test::encode_jpeg(4000, 3000, pixel, test::JpegKind::progressive);
  CHECK_THROWS_WITH_AS(
      decode_image(huge, 800, 800),
      "is a progressive JPEG too large for a kiosk to decode (it would need more than 64 MB); "
      "save it as a standard (baseline) JPEG or smaller",
      ImageError);
}

TEST_CASE("an Adobe CMYK JPEG shows its colours") {
  const auto image =
      decode_image(test::encode_jpeg(
                       64, 64, [](int, int) { return rgba(200, 40, 60); }, test::JpegKind::cmyk_adobe),
                   32, 32);
  CHECK(near(pixel_at(image, 16, 16), rgba(200, 40, 60), 6));
}

TEST_CASE("damaged files are refused with what is wrong - cut short - bad checksum - not an image") {
  const auto grey = [](int, int) { return rgba(120, 120, 120); };
  std::string png = test::encode_png(300, 200, grey);
  std::string jpeg = test::encode_jpeg(300, 200, grey);
  CHECK(content::image_problem(png).empty());
  CHECK(content::image_problem(jpeg).empty());

  CHECK(content::image_problem(png.substr(0, png.size() / 2)) ==
        "cannot be decoded: the file ends early (damaged or cut short)");
  CHECK(content::image_problem(jpeg.substr(0, jpeg.size() / 2)) ==
        "cannot be decoded: the file ends early (damaged or cut short)");

  std::string flipped = png;
  flipped[flipped.size() / 2] =
      static_cast<char>(flipped[flipped.size() / 2] ^ 0x5A);  // inside IDAT: CRC fails
  CHECK(content::image_problem(flipped).rfind("cannot be decoded: ", 0) == 0);

  CHECK(content::image_problem("GIF89a....") == "is not a PNG or JPEG image the kiosk can show");
  CHECK_THROWS_AS(decode_image(png, 0, 10), std::invalid_argument);
}

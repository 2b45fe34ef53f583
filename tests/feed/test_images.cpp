// Images on every path that decodes them: the pixel cap is checked from the header before anything
// is allocated, damaged data is found by `check` (not on a kiosk), and each problem names its file.
#include <doctest/doctest.h>
#include <stb/stb_image_write.h>

#include <string>
#include <vector>

#include "sync/content/image_decode.hpp"
#include "sync/content/image_probe.hpp"
#include "sync/content/source_dir.hpp"
#include "sync/feed/images.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;

namespace {

std::string png(int w, int h) {
  std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * h * 3, 120);
  std::string out;
  stbi_write_png_to_func(
      [](void* ctx, void* data, int size) {
        static_cast<std::string*>(ctx)->append(static_cast<char*>(data), static_cast<std::size_t>(size));
      },
      &out, w, h, 3, rgb.data(), w * 3);
  return out;
}

// A real PNG whose header claims another size: what a hostile file looks like to a decoder.
std::string claiming(int w, int h) {
  std::string bytes = png(8, 8);
  for (int i = 0; i < 4; ++i) {
    bytes[16 + i] = static_cast<char>((w >> (24 - 8 * i)) & 0xFF);
    bytes[20 + i] = static_cast<char>((h >> (24 - 8 * i)) & 0xFF);
  }
  return bytes;
}

}  // namespace

TEST_CASE("the pixel cap refuses a 12000x9000 header before decoding - on the publisher and in check") {
  const std::string bomb = claiming(12000, 9000);  // 432 MB as RGBA; stb's own limit is 1 GB
  REQUIRE(content::probe_image(bomb).has_value());
  CHECK_FALSE(content::within_pixel_cap(*content::probe_image(bomb)));
  CHECK(content::image_problem(bomb) == "is 12000x9000 pixels; at most 8192 per side and 40 megapixels");
  CHECK_THROWS_WITH(feed::prepare_image(bomb),
                    "the image is 12000x9000 pixels; at most 8192 per side and 40 megapixels");
  CHECK(content::within_pixel_cap({8192, 4882}));
  CHECK_FALSE(content::within_pixel_cap({8193, 10}));
  CHECK(content::image_problem(png(64, 32)).empty());
}

TEST_CASE("damaged image data passes a header check but not check - and the error names the file") {
  test::TempDir dir;
  test::copy_tree(test::demo_dir(), dir.path());
  std::string broken = png(300, 200);
  broken.resize(broken.size() / 2);  // the header is whole, the pixels are cut off
  test::write_text(dir / "images" / "broken.png", broken);
  test::write_text(dir / "images" / "bomb.png", claiming(12000, 9000));

  content::Issues quick;
  content::load_source_dir(dir.path(), quick);  // a kiosk's baseline import: headers and the cap only
  CHECK(quick.summary(10).find("images/bomb.png") != std::string::npos);
  CHECK(quick.summary(10).find("images/broken.png") == std::string::npos);

  content::Issues full;
  content::LoadOptions load;
  load.decode_images = true;  // kioskctl check, publishing, the console
  content::load_source_dir(dir.path(), full, load);
  const std::string all = full.summary(10);
  CHECK_MESSAGE(all.find("images/broken.png: cannot be decoded: the file ends early") != std::string::npos,
                all);
  CHECK_MESSAGE(all.find("images/bomb.png: is 12000x9000 pixels") != std::string::npos, all);
}

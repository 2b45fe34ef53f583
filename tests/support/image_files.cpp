#include "tests/support/image_files.hpp"

#include <cstddef>
#include <cstdio>
// clang-format off
#include <jpeglib.h>
// clang-format on
#include <png.h>

#include <csetjmp>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace kiosk::test {

std::string encode_png(int w, int h, const PixelFn& pixel, bool interlaced) {
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("encode_png failed");
  }
  png_set_write_fn(
      png, &out,
      [](png_structp p, png_bytep data, png_size_t size) {
        static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<char*>(data), size);
      },
      nullptr);
  png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8, PNG_COLOR_TYPE_RGBA,
               interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 1);
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(w) * h * 4);
  std::vector<png_bytep> rows(static_cast<std::size_t>(h));
  for (int y = 0; y < h; ++y) {
    rows[static_cast<std::size_t>(y)] = &pixels[static_cast<std::size_t>(y) * w * 4];
    for (int x = 0; x < w; ++x) {
      const std::uint32_t c = pixel(x, y);
      for (int i = 0; i < 4; ++i) rows[static_cast<std::size_t>(y)][x * 4 + i] = (c >> (8 * i)) & 0xFF;
    }
  }
  png_set_rows(png, info, rows.data());
  png_write_png(png, info, PNG_TRANSFORM_IDENTITY, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

std::string encode_jpeg(int w, int h, const PixelFn& pixel, JpegKind kind) {
  jpeg_compress_struct cinfo{};
  jpeg_error_mgr errors{};
  cinfo.err = jpeg_std_error(&errors);  // the default error_exit ends the test program: fine for a fixture
  jpeg_create_compress(&cinfo);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &buffer, &size);
  cinfo.image_width = static_cast<JDIMENSION>(w);
  cinfo.image_height = static_cast<JDIMENSION>(h);
  cinfo.input_components = kind == JpegKind::cmyk_adobe ? 4 : 3;
  cinfo.in_color_space = kind == JpegKind::cmyk_adobe ? JCS_CMYK : JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, 90, TRUE);
  if (kind == JpegKind::progressive) {
    jpeg_simple_progression(&cinfo);
    for (int i = 0; i < cinfo.num_components; ++i) {  // 4:4:4: every coefficient kept, as a camera's best
      cinfo.comp_info[i].h_samp_factor = 1;
      cinfo.comp_info[i].v_samp_factor = 1;
    }
  }
  jpeg_start_compress(&cinfo, TRUE);
  std::vector<std::uint8_t> row(static_cast<std::size_t>(w) * cinfo.input_components);
  while (cinfo.next_scanline < cinfo.image_height) {
    const int y = static_cast<int>(cinfo.next_scanline);
    for (int x = 0; x < w; ++x) {
      const std::uint32_t c = pixel(x, y);
      const std::uint8_t r = c & 0xFF, g = (c >> 8) & 0xFF, b = (c >> 16) & 0xFF;
      std::uint8_t* p = &row[static_cast<std::size_t>(x) * cinfo.input_components];
      if (kind == JpegKind::cmyk_adobe) {
        // No black ink; C = 255 - R and so on, stored inverted (Adobe): the stored value is R itself.
        p[0] = r, p[1] = g, p[2] = b, p[3] = 255;
      } else {
        p[0] = r, p[1] = g, p[2] = b;
      }
    }
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&cinfo, &r, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::string out(reinterpret_cast<char*>(buffer), size);
  std::free(buffer);
  return out;
}

}  // namespace kiosk::test

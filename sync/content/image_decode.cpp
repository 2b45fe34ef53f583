#include "sync/content/image_decode.hpp"

// libjpeg's header needs FILE and size_t declared first.
#include <cstddef>
#include <cstdio>
// clang-format off
#include <jpeglib.h>
#include <jerror.h>
// clang-format on
#include <png.h>

#include <csetjmp>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "sync/content/image_probe.hpp"
#include "sync/content/image_scale.hpp"

namespace kiosk::content {
namespace {

// libjpeg and libpng report errors by longjmp. Everything a decode changes after its setjmp lives in
// a heap object reached through a pointer that does not change, so no value is lost to the jump,
// and no C++ destructor is skipped: the jump lands in the frame that owns the object.

struct JpegJob {
  jpeg_decompress_struct cinfo{};
  jpeg_error_mgr errors{};
  std::jmp_buf jump{};
  char message[JMSG_LENGTH_MAX] = {};
  int code = 0;
  std::vector<std::uint8_t> row;
  std::optional<RowScaler> scaler;
  ~JpegJob() { jpeg_destroy_decompress(&cinfo); }  // safe before jpeg_create_decompress: mem is null
};

[[noreturn]] void jpeg_fail(j_common_ptr cinfo) {
  auto* job = reinterpret_cast<JpegJob*>(cinfo->client_data);
  job->code = cinfo->err->msg_code;
  cinfo->err->format_message(cinfo, job->message);
  std::longjmp(job->jump, 1);
}

void jpeg_warning(j_common_ptr cinfo, int level) {
  // A file cut short decodes as grey from there on: damaged, not a picture to show. Other warnings
  // (stray bytes between markers) are common in cameras' files and harmless.
  if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF) jpeg_fail(cinfo);
}

std::string jpeg_words(const JpegJob& job) {
  if (job.code == JWRN_JPEG_EOF) return "cannot be decoded: the file ends early (damaged or cut short)";
  if (job.code == JERR_NO_BACKING_STORE) {
    return "is a progressive JPEG too large for a kiosk to decode (it would need more than " +
           std::to_string(kMaxDecodeMemory >> 20) + " MB); save it as a standard (baseline) JPEG or smaller";
  }
  return std::string("cannot be decoded: the file is damaged or not what its header says (") + job.message +
         ")";
}

// Adobe's CMYK JPEGs store inverted inks; others store them plainly.
void cmyk_to_rgba(std::uint8_t* p, std::size_t pixels, bool inverted) {
  for (std::size_t i = 0; i < pixels; ++i, p += 4) {
    const int k = inverted ? p[3] : 255 - p[3];
    for (int c = 0; c < 3; ++c) p[c] = static_cast<std::uint8_t>((inverted ? p[c] : 255 - p[c]) * k / 255);
    p[3] = 255;
  }
}

DecodedImage decode_jpeg(std::string_view bytes, int max_width, int max_height) {
  auto job = std::make_unique<JpegJob>();
  jpeg_decompress_struct& cinfo = job->cinfo;
  cinfo.err = jpeg_std_error(&job->errors);
  job->errors.error_exit = jpeg_fail;
  job->errors.emit_message = jpeg_warning;
  if (setjmp(job->jump)) throw ImageError(jpeg_words(*job));
  jpeg_create_decompress(&cinfo);
  cinfo.client_data = job.get();
  // Beyond this libjpeg asks for a backing store, which Debian's build does not have: an error, not
  // an allocation (only progressive files need memory in proportion to the image).
  cinfo.mem->max_memory_to_use = kMaxDecodeMemory;
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&cinfo, TRUE);
  DecodedImage out;
  const auto w = static_cast<int>(cinfo.image_width), h = static_cast<int>(cinfo.image_height);
  fit_within(w, h, max_width, max_height, &out.width, &out.height);
  // DCT scaling: decode at N/8 of the size, the smallest N that still covers the output.
  unsigned n = 1;
  while (n < 8 && (static_cast<int>((cinfo.image_width * n + 7) / 8) < out.width ||
                   static_cast<int>((cinfo.image_height * n + 7) / 8) < out.height)) {
    ++n;
  }
  cinfo.scale_num = n;
  cinfo.scale_denom = 8;
  const bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
  cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
  jpeg_start_decompress(&cinfo);
  const auto scaled_w = static_cast<int>(cinfo.output_width),
             scaled_h = static_cast<int>(cinfo.output_height);
  out.width = std::min(out.width, scaled_w);
  out.height = std::min(out.height, scaled_h);
  job->scaler.emplace(scaled_w, scaled_h, out.width, out.height);
  job->row.resize(static_cast<std::size_t>(scaled_w) * 4);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = job->row.data();
    jpeg_read_scanlines(&cinfo, &row, 1);
    if (cmyk) cmyk_to_rgba(job->row.data(), static_cast<std::size_t>(scaled_w), cinfo.saw_Adobe_marker);
    job->scaler->push(job->row.data());
  }
  jpeg_finish_decompress(&cinfo);
  out.rgba = std::move(job->scaler->pixels());
  return out;
}

struct PngJob {
  png_structp png = nullptr;
  png_infop info = nullptr;
  std::string_view bytes;
  std::size_t read = 0;
  char message[256] = {};
  std::vector<std::uint8_t> pixels;
  std::optional<RowScaler> scaler;
  ~PngJob() { png_destroy_read_struct(&png, &info, nullptr); }
};

[[noreturn]] void png_fail(png_structp png, png_const_charp message) {
  auto* job = static_cast<PngJob*>(png_get_error_ptr(png));
  std::snprintf(job->message, sizeof job->message, "%s", message);
  png_longjmp(png, 1);
}

void png_warning(png_structp, png_const_charp) {}  // bad ancillary chunks are skipped, as viewers do

void png_read_bytes(png_structp png, png_bytep to, png_size_t size) {
  auto* job = static_cast<PngJob*>(png_get_io_ptr(png));
  if (size > job->bytes.size() - job->read) png_error(png, "the file ends early (damaged or cut short)");
  std::memcpy(to, job->bytes.data() + job->read, size);
  job->read += size;
}

DecodedImage decode_png(std::string_view bytes, int max_width, int max_height) {
  auto job = std::make_unique<PngJob>();
  job->bytes = bytes;
  job->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, job.get(), png_fail, png_warning);
  if (job->png != nullptr) job->info = png_create_info_struct(job->png);
  if (job->info == nullptr) throw std::bad_alloc();
  png_structp png = job->png;
  png_infop info = job->info;
  if (setjmp(png_jmpbuf(png))) throw ImageError(std::string("cannot be decoded: ") + job->message);
  png_set_read_fn(png, job.get(), png_read_bytes);
  png_set_user_limits(png, kMaxImageSide, kMaxImageSide);
  png_read_info(png, info);
  png_set_expand(png);  // palette to RGB, grey below 8 bits to 8, a transparent colour to alpha
  png_set_strip_16(png);
  png_set_gray_to_rgb(png);
  png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);  // only where there is no alpha channel
  const int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  const auto w = static_cast<int>(png_get_image_width(png, info));
  const auto h = static_cast<int>(png_get_image_height(png, info));
  if (png_get_rowbytes(png, info) != static_cast<std::size_t>(w) * 4) png_error(png, "unexpected row layout");
  DecodedImage out;
  fit_within(w, h, max_width, max_height, &out.width, &out.height);
  job->scaler.emplace(w, h, out.width, out.height);
  if (passes == 1) {  // row by row: memory for one source row
    job->pixels.resize(static_cast<std::size_t>(w) * 4);
    for (int y = 0; y < h; ++y) {
      png_read_row(png, job->pixels.data(), nullptr);
      job->scaler->push(job->pixels.data());
    }
  } else {
    if (static_cast<long long>(w) * h > kMaxInterlacedPixels) {
      throw ImageError("is an interlaced PNG of more than " + std::to_string(kMaxInterlacedPixels / 1000000) +
                       " megapixels; save it without interlacing (the usual setting)");
    }
    job->pixels.resize(static_cast<std::size_t>(w) * h * 4);
    std::vector<png_bytep> rows(static_cast<std::size_t>(h));
    for (int y = 0; y < h; ++y)
      rows[static_cast<std::size_t>(y)] = &job->pixels[static_cast<std::size_t>(y) * w * 4];
    png_read_image(png, rows.data());
    for (const png_bytep row : rows) job->scaler->push(row);
  }
  png_read_end(png, nullptr);  // the rest of the file, so damage after the last row is found too
  out.rgba = std::move(job->scaler->pixels());
  return out;
}

}  // namespace

DecodedImage decode_image(std::string_view bytes, int max_width, int max_height) {
  const auto size = probe_image(bytes);
  if (!size) throw ImageError("is not a PNG or JPEG image the kiosk can show");
  if (!within_pixel_cap(*size)) {
    throw ImageError("is " + std::to_string(size->width) + "x" + std::to_string(size->height) +
                     " pixels; at most 8192 per side and 40 megapixels");
  }
  if (max_width < 1 || max_height < 1) throw std::invalid_argument("decode_image: empty target size");
  return bytes[0] == '\x89' ? decode_png(bytes, max_width, max_height)
                            : decode_jpeg(bytes, max_width, max_height);
}

std::string image_problem(std::string_view bytes) {
  try {
    decode_image(bytes, 64, 64);  // every byte is read and checked; the small output costs nothing
    return "";
  } catch (const ImageError& e) {
    return e.what();
  }
}

}  // namespace kiosk::content

#pragma once
// Images are prepared once, at publish time, for what a 1080p kiosk can show: downscaled to fit
// 1920x1080 (1080x1920 when portrait), re-encoded (JPEG, or PNG where there is transparency) —
// which also strips camera metadata such as GPS positions — and then hashed like any object.
#include <string>
#include <string_view>

namespace kiosk::feed {

// Names what prepare_image makes of a source (sizes, encoders, quality). Raise it whenever that
// changes, so a publisher's cache of earlier results (prepared_images.hpp) is not reused.
constexpr int kPrepareProfile = 1;

struct PreparedImage {
  std::string bytes;
  int width = 0, height = 0;
};

// Throws std::runtime_error if the bytes are not a decodable PNG or JPEG.
PreparedImage prepare_image(std::string_view bytes);

}  // namespace kiosk::feed

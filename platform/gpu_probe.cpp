#include "platform/gpu_probe.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <system_error>

namespace kiosk::platform {

bool has_render_node(const std::filesystem::path& root) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(root / "dev" / "dri", ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().filename().string().rfind("renderD", 0) == 0) return true;
  }
  return false;
}

bool is_software_rasteriser(std::string_view gl_renderer) {
  std::string lower(gl_renderer);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* name :
       {"llvmpipe", "softpipe", "swrast", "software rasterizer", "lavapipe", "swiftshader"}) {
    if (lower.find(name) != std::string::npos) return true;
  }
  return false;
}

bool gl_forced_to_software() {
  const char* v = std::getenv("LIBGL_ALWAYS_SOFTWARE");
  return v != nullptr && *v != '\0' && std::string_view(v) != "0" && std::string_view(v) != "false";
}

}  // namespace kiosk::platform

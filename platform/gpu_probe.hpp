#pragma once
// Is there a GPU worth rendering with? Asked as cheaply as possible: without a DRM render node
// (/dev/dri/renderD*) every OpenGL the system offers is a software rasteriser, so the kiosk does not
// even load the GL libraries (~80 MB and ~350 ms under Mesa's llvmpipe). With one, the GL_RENDERER
// string of the context SDL made decides: "llvmpipe", "softpipe", "swrast" and the like are CPU
// rasterisers, slower than our own software path, which redraws only what changed.
#include <filesystem>
#include <string_view>

namespace kiosk::platform {

bool has_render_node(const std::filesystem::path& root = "/");
bool is_software_rasteriser(std::string_view gl_renderer);
// LIBGL_ALWAYS_SOFTWARE=1 (Mesa's switch) is set: any GL context would be a software one.
bool gl_forced_to_software();

}  // namespace kiosk::platform

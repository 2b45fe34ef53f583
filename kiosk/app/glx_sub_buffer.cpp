#include "kiosk/app/glx_sub_buffer.hpp"

#include <SDL_syswm.h>

#include <cstring>
#include <string_view>

namespace kiosk::app {
namespace {

#if defined(SDL_VIDEO_DRIVER_X11)
using CopySubBuffer = void (*)(Display*, XID drawable, int x, int y, int width, int height);
#endif

// Whole-word search: the extension string is space-separated, and one name can prefix another.
bool has_extension(const char* list, std::string_view name) {
  if (list == nullptr) return false;
  std::string_view rest(list);
  while (!rest.empty()) {
    const auto end = rest.find(' ');
    if (rest.substr(0, end) == name) return true;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return false;
}

}  // namespace

std::unique_ptr<GlxSubBuffer> GlxSubBuffer::make(SDL_Window* window) {
#if defined(SDL_VIDEO_DRIVER_X11)
  if (std::strcmp(SDL_GetCurrentVideoDriver(), "x11") != 0) return nullptr;
  // Only GLX: SDL can also run GL on X11 through EGL, whose current context tells us so.
  using GetCurrentContext = void* (*)();
  using QueryExtensions = const char* (*)(Display*, int);
  auto current = reinterpret_cast<GetCurrentContext>(SDL_GL_GetProcAddress("glXGetCurrentContext"));
  auto query = reinterpret_cast<QueryExtensions>(SDL_GL_GetProcAddress("glXQueryExtensionsString"));
  void* copy = SDL_GL_GetProcAddress("glXCopySubBufferMESA");
  if (current == nullptr || query == nullptr || copy == nullptr || current() == nullptr) return nullptr;
  SDL_SysWMinfo wm;
  SDL_VERSION(&wm.version);
  if (SDL_GetWindowWMInfo(window, &wm) != SDL_TRUE || wm.subsystem != SDL_SYSWM_X11) return nullptr;
  Display* display = wm.info.x11.display;
  if (!has_extension(query(display, DefaultScreen(display)), "GLX_MESA_copy_sub_buffer")) return nullptr;
  return std::unique_ptr<GlxSubBuffer>(new GlxSubBuffer(display, wm.info.x11.window, copy));
#else
  (void)window;
  return nullptr;
#endif
}

void GlxSubBuffer::copy(const SDL_Rect& rect, int output_height) const {
#if defined(SDL_VIDEO_DRIVER_X11)
  // GLX counts rows from the bottom of the drawable.
  reinterpret_cast<CopySubBuffer>(fn_)(static_cast<Display*>(display_), drawable_, rect.x,
                                       output_height - rect.y - rect.h, rect.w, rect.h);
#else
  (void)rect, (void)output_height;
#endif
}

}  // namespace kiosk::app

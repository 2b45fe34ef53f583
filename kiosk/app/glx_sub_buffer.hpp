#pragma once
// Putting only a rectangle of the back buffer on screen, where X11's GLX offers it
// (GLX_MESA_copy_sub_buffer: every Mesa driver, llvmpipe included). A GL swap always pushes the
// whole frame — 8 MB at 1920x1080, which on a software rasteriser is most of an idle kiosk's CPU —
// while the clock's seconds are ~60 k pixels. SDL2's renderer API has no partial present, so this
// reaches past it to the GLX context SDL made; anywhere else (EGL under KMS or Wayland, other GL
// vendors) `make` returns nothing and frames are swapped whole.
#include <SDL.h>

#include <memory>

namespace kiosk::app {

class GlxSubBuffer {
 public:
  // The GLX context of `window` must be current on this thread (SDL's GL renderer made it so).
  static std::unique_ptr<GlxSubBuffer> make(SDL_Window* window);
  // Copies `rect` (top-left origin, output pixels) of the back buffer to the front buffer; the back
  // buffer is left as it was, so the next partial frame needs only its own rectangle drawn.
  void copy(const SDL_Rect& rect, int output_height) const;

 private:
  // X11 types stay out of this header: the .cpp casts them back.
  GlxSubBuffer(void* display, unsigned long drawable, void* fn)
      : display_(display), drawable_(drawable), fn_(fn) {}
  void* display_;
  unsigned long drawable_;
  void* fn_;  // glXCopySubBufferMESA
};

}  // namespace kiosk::app

#pragma once
// A Dear ImGui renderer on SDL_RenderGeometry (SDL >= 2.0.18), written for this project because
// Debian's libimgui.a has no SDL_Renderer backend. One path for every target: SDL's GLES2 renderer
// on a Pi (KMS/DRM or Wayland), its software renderer with no GPU or no display at all.
//
// Implemented features:
//  [X] font atlas texture (RGBA32, the CPU copy freed after upload)
//  [X] user textures: ImTextureID is an SDL_Texture*
//  [X] clip rectangles, vertex offsets (ImGuiBackendFlags_RendererHasVtxOffset)
//  [X] partial redraw: render only what intersects one rectangle (the clock each second)
//  [X] software fast path: SDL's software renderer fills triangles pixel by pixel with blending
//      (a full-screen quad costs ~13 ms at 1080p). Axis-aligned quads — ImGui's plain rectangles and
//      every text glyph — become SDL_RenderFillRect (opaque: a memset) and SDL_RenderCopy (SDL's
//      generated blitters), ~5x faster; everything else stays geometry, in the original order.
//  [ ] multi-viewports (a kiosk has one screen)
#include <SDL.h>
#include <imgui.h>

#include <optional>

namespace kiosk::app {

class ImGuiSdlRenderer {
 public:
  explicit ImGuiSdlRenderer(SDL_Renderer* renderer);
  ~ImGuiSdlRenderer();
  ImGuiSdlRenderer(const ImGuiSdlRenderer&) = delete;
  ImGuiSdlRenderer& operator=(const ImGuiSdlRenderer&) = delete;

  // Uploads the atlas as a texture, sets its id, frees the atlas' CPU pixels. Returns false on failure.
  bool upload_fonts(ImFontAtlas& atlas);
  // Draws everything, or only what intersects `only` (and clipped to it).
  void render(const ImDrawData* data, std::optional<SDL_Rect> only = std::nullopt);

  SDL_Renderer* sdl() const { return renderer_; }

 private:
  // Draws indices [first, count) of a command, turning rectangles into fills and copies.
  void render_software(const ImDrawList* list, const ImDrawCmd& cmd);
  void flush_geometry(const ImDrawVert* base, int vertex_count, const ImDrawIdx* indices, int count,
                      SDL_Texture* texture);

  SDL_Renderer* renderer_;
  SDL_Texture* font_texture_ = nullptr;
  bool software_ = false;
  int font_width_ = 1, font_height_ = 1;
};

}  // namespace kiosk::app

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
  SDL_Renderer* renderer_;
  SDL_Texture* font_texture_ = nullptr;
};

}  // namespace kiosk::app

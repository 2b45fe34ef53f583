#include "kiosk/app/imgui_sdl_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace kiosk::app {

ImGuiSdlRenderer::ImGuiSdlRenderer(SDL_Renderer* renderer) : renderer_(renderer) {
  ImGuiIO& io = ImGui::GetIO();
  io.BackendRendererName = "kiosk_sdl_geometry";
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
}

ImGuiSdlRenderer::~ImGuiSdlRenderer() {
  if (font_texture_ != nullptr) SDL_DestroyTexture(font_texture_);
}

bool ImGuiSdlRenderer::upload_fonts(ImFontAtlas& atlas) {
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &width, &height);
  SDL_Texture* texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, width, height);
  if (texture == nullptr) return false;
  SDL_UpdateTexture(texture, nullptr, pixels, width * 4);
  SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
  if (font_texture_ != nullptr) SDL_DestroyTexture(font_texture_);
  font_texture_ = texture;
  atlas.SetTexID(static_cast<ImTextureID>(texture));
  atlas.ClearTexData();  // 4-16 MB of CPU pixels no longer needed once the texture exists
  return true;
}

void ImGuiSdlRenderer::render(const ImDrawData* data, std::optional<SDL_Rect> only) {
  if (data == nullptr || data->CmdListsCount == 0) return;
  const ImVec2 offset = data->DisplayPos;
  SDL_Rect viewport;
  SDL_RenderGetViewport(renderer_, &viewport);
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    const ImDrawVert* vertices = list->VtxBuffer.Data;
    const ImDrawIdx* indices = list->IdxBuffer.Data;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback != nullptr) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      float x1 = std::max(cmd.ClipRect.x - offset.x, 0.0f);
      float y1 = std::max(cmd.ClipRect.y - offset.y, 0.0f);
      float x2 = std::min(cmd.ClipRect.z - offset.x, static_cast<float>(viewport.w));
      float y2 = std::min(cmd.ClipRect.w - offset.y, static_cast<float>(viewport.h));
      if (only) {
        x1 = std::max(x1, static_cast<float>(only->x));
        y1 = std::max(y1, static_cast<float>(only->y));
        x2 = std::min(x2, static_cast<float>(only->x + only->w));
        y2 = std::min(y2, static_cast<float>(only->y + only->h));
      }
      if (x2 <= x1 || y2 <= y1) continue;
      const SDL_Rect clip{static_cast<int>(x1), static_cast<int>(y1), static_cast<int>(std::ceil(x2 - x1)),
                          static_cast<int>(std::ceil(y2 - y1))};
      SDL_RenderSetClipRect(renderer_, &clip);
      const ImDrawVert* base = vertices + cmd.VtxOffset;
      const auto* xy = reinterpret_cast<const float*>(reinterpret_cast<const char*>(base) + offsetof(ImDrawVert, pos));
      const auto* uv = reinterpret_cast<const float*>(reinterpret_cast<const char*>(base) + offsetof(ImDrawVert, uv));
      // ImU32 colours are RGBA in memory on little-endian machines, exactly SDL_Color's layout.
      const auto* colour = reinterpret_cast<const SDL_Color*>(reinterpret_cast<const char*>(base) + offsetof(ImDrawVert, col));
      SDL_RenderGeometryRaw(renderer_, static_cast<SDL_Texture*>(cmd.GetTexID()), xy, sizeof(ImDrawVert), colour,
                            sizeof(ImDrawVert), uv, sizeof(ImDrawVert),
                            static_cast<int>(list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset)),
                            indices + cmd.IdxOffset, static_cast<int>(cmd.ElemCount), sizeof(ImDrawIdx));
    }
  }
  SDL_RenderSetClipRect(renderer_, nullptr);
}

}  // namespace kiosk::app

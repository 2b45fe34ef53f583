#include "kiosk/app/imgui_sdl_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace kiosk::app {

ImGuiSdlRenderer::ImGuiSdlRenderer(SDL_Renderer* renderer) : renderer_(renderer) {
  SDL_RendererInfo info;
  software_ = SDL_GetRendererInfo(renderer, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
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
  SDL_Texture* texture =
      SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, width, height);
  if (texture == nullptr) return false;
  SDL_UpdateTexture(texture, nullptr, pixels, width * 4);
  SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
  if (font_texture_ != nullptr) SDL_DestroyTexture(font_texture_);
  font_texture_ = texture;
  atlas.SetTexID(static_cast<ImTextureID>(texture));
  font_width_ = width;
  font_height_ = height;
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
      if (software_) {
        render_software(list, cmd);
        continue;
      }
      const ImDrawVert* base = vertices + cmd.VtxOffset;
      const auto* xy =
          reinterpret_cast<const float*>(reinterpret_cast<const char*>(base) + offsetof(ImDrawVert, pos));
      const auto* uv =
          reinterpret_cast<const float*>(reinterpret_cast<const char*>(base) + offsetof(ImDrawVert, uv));
      // ImU32 colours are RGBA in memory on little-endian machines, exactly SDL_Color's layout.
      const auto* colour =
          reinterpret_cast<const SDL_Color*>(reinterpret_cast<const char*>(base) + offsetof(ImDrawVert, col));
      SDL_RenderGeometryRaw(renderer_, static_cast<SDL_Texture*>(cmd.GetTexID()), xy, sizeof(ImDrawVert),
                            colour, sizeof(ImDrawVert), uv, sizeof(ImDrawVert),
                            static_cast<int>(list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset)),
                            indices + cmd.IdxOffset, static_cast<int>(cmd.ElemCount), sizeof(ImDrawIdx));
    }
  }
  SDL_RenderSetClipRect(renderer_, nullptr);
}

void ImGuiSdlRenderer::flush_geometry(const ImDrawVert* base, int vertex_count, const ImDrawIdx* indices,
                                      int count, SDL_Texture* texture) {
  if (count <= 0) return;
  const auto* bytes = reinterpret_cast<const char*>(base);
  SDL_RenderGeometryRaw(renderer_, texture, reinterpret_cast<const float*>(bytes + offsetof(ImDrawVert, pos)),
                        sizeof(ImDrawVert),
                        reinterpret_cast<const SDL_Color*>(bytes + offsetof(ImDrawVert, col)),
                        sizeof(ImDrawVert), reinterpret_cast<const float*>(bytes + offsetof(ImDrawVert, uv)),
                        sizeof(ImDrawVert), vertex_count, indices, count, sizeof(ImDrawIdx));
}

void ImGuiSdlRenderer::render_software(const ImDrawList* list, const ImDrawCmd& cmd) {
  const ImDrawVert* base = list->VtxBuffer.Data + cmd.VtxOffset;
  const int vertex_count = list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset);
  const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
  const int count = static_cast<int>(cmd.ElemCount);
  auto* texture = static_cast<SDL_Texture*>(cmd.GetTexID());
  int run_start = 0;  // triangles [run_start, i) are still to be drawn as geometry
  int i = 0;
  while (i < count) {
    bool fast = false;
    // ImGui writes rectangles (shapes and glyphs) as corners a b c d with indices a b c, a c d.
    if (i + 6 <= count) {
      const ImDrawIdx a = idx[i];
      if (idx[i + 1] == a + 1 && idx[i + 2] == a + 2 && idx[i + 3] == a && idx[i + 4] == a + 2 &&
          idx[i + 5] == a + 3) {
        const ImDrawVert& v0 = base[a];
        const ImDrawVert& v1 = base[a + 1];
        const ImDrawVert& v2 = base[a + 2];
        const ImDrawVert& v3 = base[a + 3];
        const bool axis_aligned = v0.pos.y == v1.pos.y && v1.pos.x == v2.pos.x && v2.pos.y == v3.pos.y &&
                                  v3.pos.x == v0.pos.x && v0.pos.x < v2.pos.x && v0.pos.y < v2.pos.y;
        const bool one_colour = v0.col == v1.col && v0.col == v2.col && v0.col == v3.col;
        // Plain shapes sample the atlas' white pixel: the same uv at every corner.
        const bool solid = texture == font_texture_ && v0.uv.x == v2.uv.x && v0.uv.y == v2.uv.y &&
                           v1.uv.x == v0.uv.x && v3.uv.y == v0.uv.y;
        const bool image = texture != nullptr && v0.uv.x == v3.uv.x && v1.uv.x == v2.uv.x &&
                           v0.uv.y == v1.uv.y && v2.uv.y == v3.uv.y && v0.uv.x < v2.uv.x && v0.uv.y < v2.uv.y;
        if (axis_aligned && one_colour && (solid || image)) {
          flush_geometry(base, vertex_count, idx + run_start, i - run_start, texture);
          const SDL_FRect dst{v0.pos.x, v0.pos.y, v2.pos.x - v0.pos.x, v2.pos.y - v0.pos.y};
          const Uint8 r = v0.col & 0xFF, g = (v0.col >> 8) & 0xFF, b = (v0.col >> 16) & 0xFF,
                      al = (v0.col >> 24) & 0xFF;
          if (solid) {
            // Opaque fills need no blending: SDL turns them into plain stores.
            SDL_SetRenderDrawBlendMode(renderer_, al == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
            SDL_SetRenderDrawColor(renderer_, r, g, b, al);
            SDL_RenderFillRectF(renderer_, &dst);
          } else {
            int tw = font_width_, th = font_height_;
            if (texture != font_texture_) SDL_QueryTexture(texture, nullptr, nullptr, &tw, &th);
            const SDL_Rect src{static_cast<int>(v0.uv.x * tw + 0.5f), static_cast<int>(v0.uv.y * th + 0.5f),
                               static_cast<int>((v2.uv.x - v0.uv.x) * tw + 0.5f),
                               static_cast<int>((v2.uv.y - v0.uv.y) * th + 0.5f)};
            // Whole pixels: when the sizes match SDL blits 1:1 instead of taking its slow scaling path.
            const int x = static_cast<int>(std::lround(dst.x)), y = static_cast<int>(std::lround(dst.y));
            const SDL_Rect whole{x, y, static_cast<int>(std::lround(dst.x + dst.w)) - x,
                                 static_cast<int>(std::lround(dst.y + dst.h)) - y};
            SDL_SetTextureColorMod(texture, r, g, b);
            SDL_SetTextureAlphaMod(texture, al);
            SDL_RenderCopy(renderer_, texture, &src, &whole);
          }
          fast = true;
        }
      }
    }
    if (fast) {
      i += 6;
      run_start = i;
    } else {
      i += 3;
    }
  }
  flush_geometry(base, vertex_count, idx + run_start, count - run_start, texture);
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
}

}  // namespace kiosk::app

#include "kiosk/app/presenter.hpp"

#include <stb/stb_image_write.h>

#include <stdexcept>
#include <string>

#include "kiosk/app/glx_sub_buffer.hpp"
#include "platform/files.hpp"
#include "platform/gpu_probe.hpp"

namespace kiosk::app {
namespace {

static_assert(SDL_BYTEORDER == SDL_LIL_ENDIAN, "ImGui colours are passed to SDL as RGBA bytes");

long long area(const SDL_Rect& r) {
  return static_cast<long long>(r.w) * r.h;
}

void clear(SDL_Renderer* r, std::optional<SDL_Rect> only) {
  SDL_SetRenderDrawColor(r, 0x0F, 0x1B, 0x2D, 0xFF);
  if (only) {
    SDL_RenderFillRect(r, &*only);
  } else {
    SDL_RenderClear(r);
  }
}

// The frame lives in a texture the GPU keeps: a clock tick redraws the clock's rectangle into it
// (scissored). Then, where GLX can copy a sub-rectangle of the back buffer to the screen, only that
// rectangle is copied and shown; otherwise one textured quad puts the whole frame on screen and the
// buffers are swapped — the cheapest full frame a GPU can make (SDL2 itself has no partial present;
// on a Pi's own GPU the full copy is a few hundred microseconds of GPU time, not CPU).
class GpuPresenter : public Presenter {
 public:
  GpuPresenter(SDL_Renderer* r, std::string gl, std::unique_ptr<GlxSubBuffer> sub_buffer)
      : renderer_(r), sub_buffer_(std::move(sub_buffer)) {
    SDL_RendererInfo info;
    SDL_GetRendererInfo(r, &info);
    name_ = info.name;
    if (!gl.empty()) name_ += ", " + gl;
  }
  ~GpuPresenter() override {
    if (frame_ != nullptr) SDL_DestroyTexture(frame_);
    SDL_DestroyRenderer(renderer_);
  }
  SDL_Renderer* renderer() override { return renderer_; }
  bool partial_redraw() const override { return SDL_RenderTargetSupported(renderer_) == SDL_TRUE; }
  std::optional<SDL_Rect> begin(std::optional<SDL_Rect> only) override {
    if (!partial_redraw()) {
      clear(renderer_, std::nullopt);
      return std::nullopt;
    }
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    if (frame_ == nullptr || w != width_ || h != height_) {  // first frame, or the output changed size
      if (frame_ != nullptr) SDL_DestroyTexture(frame_);
      frame_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
      width_ = w;
      height_ = h;
      only.reset();  // a new texture holds nothing yet: this frame must be whole
    }
    SDL_SetRenderTarget(renderer_, frame_);
    clear(renderer_, only);
    return only;
  }
  long long present(std::optional<SDL_Rect> only) override {
    if (frame_ == nullptr || SDL_GetRenderTarget(renderer_) != frame_) {  // no frame texture: drawn directly
      SDL_RenderPresent(renderer_);
      int w = 0, h = 0;
      SDL_GetRendererOutputSize(renderer_, &w, &h);
      return static_cast<long long>(w) * h;
    }
    SDL_SetRenderTarget(renderer_, nullptr);
    if (only && sub_buffer_) {
      // The front buffer still holds the last whole frame: refresh just this rectangle of it.
      SDL_RenderCopy(renderer_, frame_, &*only, &*only);
      SDL_RenderFlush(renderer_);
      sub_buffer_->copy(*only, height_);
      return area(*only);
    }
    SDL_RenderCopy(renderer_, frame_, nullptr, nullptr);
    SDL_RenderPresent(renderer_);
    return static_cast<long long>(width_) * height_;
  }
  std::string describe() const override {
    if (!partial_redraw()) return name_ + " (GPU)";
    return name_ + (sub_buffer_ ? " (GPU, partial redraw and present)" : " (GPU, partial redraw)");
  }

 private:
  SDL_Renderer* renderer_;
  std::unique_ptr<GlxSubBuffer> sub_buffer_;
  SDL_Texture* frame_ = nullptr;
  int width_ = 0, height_ = 0;
  std::string name_;
};

class WindowSurfacePresenter : public Presenter {
 public:
  WindowSurfacePresenter(SDL_Window* window, SDL_Surface* surface)
      : window_(window), renderer_(SDL_CreateSoftwareRenderer(surface)) {
    if (renderer_ == nullptr)
      throw std::runtime_error(std::string("no software renderer: ") + SDL_GetError());
  }
  ~WindowSurfacePresenter() override { SDL_DestroyRenderer(renderer_); }
  SDL_Renderer* renderer() override { return renderer_; }
  bool partial_redraw() const override { return true; }
  std::optional<SDL_Rect> begin(std::optional<SDL_Rect> only) override {
    clear(renderer_, only);
    return only;
  }
  long long present(std::optional<SDL_Rect> only) override {
    if (only) {
      SDL_UpdateWindowSurfaceRects(window_, &*only, 1);
      return area(*only);
    }
    SDL_UpdateWindowSurface(window_);
    const SDL_Surface* s = SDL_GetWindowSurface(window_);
    return s != nullptr ? static_cast<long long>(s->w) * s->h : 0;
  }
  std::string describe() const override { return "software (window surface, partial redraw)"; }

 private:
  SDL_Window* window_;
  SDL_Renderer* renderer_;
};

// The GL_RENDERER of the context SDL's GL renderer made current on this thread; "" if not GL.
std::string gl_renderer_name(SDL_Renderer* r) {
  SDL_RendererInfo info;
  if (SDL_GetRendererInfo(r, &info) != 0 ||
      std::string_view(info.name).find("opengl") == std::string_view::npos)
    return "";
  using GetString = const unsigned char* (*)(unsigned int);
  auto get = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString"));
  constexpr unsigned int kGlRenderer = 0x1F01;
  const unsigned char* name = get != nullptr ? get(kGlRenderer) : nullptr;
  return name != nullptr ? reinterpret_cast<const char*>(name) : "";
}

std::unique_ptr<Presenter> window_surface_presenter(SDL_Window* window) {
  // Without this hint SDL backs the window surface with a GL texture and re-uploads the whole
  // screen on every update — under Mesa's software GL that is 20 ms per clock tick and 80 MB of
  // libraries. Plain XShm / framebuffer updates of just the changed rectangle are what we want.
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  SDL_Surface* surface = SDL_GetWindowSurface(window);
  if (surface == nullptr) {
    // Drivers with no plain framebuffer (KMS/DRM) need SDL's accelerated one after all.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "1");
    surface = SDL_GetWindowSurface(window);
  }
  if (surface == nullptr) throw std::runtime_error(std::string("no window surface: ") + SDL_GetError());
  return std::make_unique<WindowSurfacePresenter>(window, surface);
}

}  // namespace

std::optional<RendererChoice> renderer_choice_from_name(std::string_view name) {
  if (name == "auto") return RendererChoice::automatic;
  if (name == "software") return RendererChoice::software;
  if (name == "gpu") return RendererChoice::gpu;
  return std::nullopt;
}

PresenterPick make_window_presenter(SDL_Window* window, RendererChoice choice,
                                    const std::filesystem::path& system_root) {
  std::string why;
  if (choice == RendererChoice::software) {
    why = "software, as configured";
  } else if (choice == RendererChoice::automatic && platform::gl_forced_to_software()) {
    why = "software: LIBGL_ALWAYS_SOFTWARE is set";
  } else if (choice == RendererChoice::automatic && !platform::has_render_node(system_root)) {
    why = "software: no GPU render node (/dev/dri/renderD*), so any OpenGL here would be a CPU rasteriser";
  } else if (SDL_Renderer* r =
                 SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC)) {
    const std::string gl = gl_renderer_name(r);
    if (choice == RendererChoice::gpu || !platform::is_software_rasteriser(gl)) {
      return PresenterPick{
          std::make_unique<GpuPresenter>(r, gl, GlxSubBuffer::make(window)),
          choice == RendererChoice::gpu ? "GPU, as configured" : "GPU: " + (gl.empty() ? "accelerated" : gl)};
    }
    SDL_DestroyRenderer(r);
    why = "software: the OpenGL offered is " + gl +
          ", a CPU rasteriser slower than redrawing only what changed";
  } else {
    why = std::string("software: no accelerated renderer (") + SDL_GetError() + ")";
  }
  return PresenterPick{window_surface_presenter(window), why};
}

SurfacePresenter::SurfacePresenter(int width, int height) {
  surface_ = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ABGR8888);
  if (surface_ == nullptr)
    throw std::runtime_error(std::string("cannot create a surface: ") + SDL_GetError());
  renderer_ = SDL_CreateSoftwareRenderer(surface_);
  if (renderer_ == nullptr) throw std::runtime_error(std::string("no software renderer: ") + SDL_GetError());
}

SurfacePresenter::~SurfacePresenter() {
  SDL_DestroyRenderer(renderer_);
  SDL_FreeSurface(surface_);
}

std::optional<SDL_Rect> SurfacePresenter::begin(std::optional<SDL_Rect> only) {
  clear(renderer_, only);
  return only;
}

long long SurfacePresenter::present(std::optional<SDL_Rect> only) {
  return only ? area(*only) : static_cast<long long>(surface_->w) * surface_->h;
}

void SurfacePresenter::save_png(const std::filesystem::path& file) const {
  std::string png;
  const auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
  };
  // ABGR8888 on little-endian is R,G,B,A in memory: what stb writes as RGBA.
  if (stbi_write_png_to_func(append, &png, surface_->w, surface_->h, 4, surface_->pixels, surface_->pitch) ==
      0) {
    throw std::runtime_error("PNG encoding failed");
  }
  platform::write_file_atomic(file, png);
}

}  // namespace kiosk::app

#pragma once
// Where frames go. When only the clock's seconds change, just that rectangle is redrawn and, where
// the platform lets us, just that rectangle is put on screen — the difference between ~0.1 and ~1
// CPU-second per idle minute at 1920x1080. In software the window surface itself is the framebuffer;
// on a GPU the frame lives in a texture, and X11's GLX copies a sub-rectangle of the back buffer
// (elsewhere the texture is copied whole). Headless rendering uses an off-screen surface.
#include <SDL.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::app {

class Presenter {
 public:
  virtual ~Presenter() = default;
  virtual SDL_Renderer* renderer() = 0;
  virtual bool partial_redraw() const = 0;
  // Before drawing: clears what will be redrawn and returns it — `only`, or the whole frame when the
  // presenter cannot keep the rest (a new frame texture).
  virtual std::optional<SDL_Rect> begin(std::optional<SDL_Rect> only) = 0;
  // Returns how many pixels were put on screen (the benchmark's "pixels per clock tick").
  virtual long long present(std::optional<SDL_Rect> only) = 0;
  virtual std::string describe() const = 0;
};

// Which presenter to use: measured (the default), or forced by --software / --gpu / "renderer".
enum class RendererChoice { automatic, software, gpu };
std::optional<RendererChoice> renderer_choice_from_name(std::string_view name);  // "auto", "software", "gpu"

struct PresenterPick {
  std::unique_ptr<Presenter> presenter;
  std::string why;  // for the log and the staff overlay: "no GPU render node: software"
};
// automatic: the GPU when the board has one whose GL is hardware (platform/gpu_probe.hpp), else
// software on the window surface; gpu: SDL's accelerated renderer whatever it is (software if SDL
// has none); software: always ours. Throws std::runtime_error when no presenter can be made.
PresenterPick make_window_presenter(SDL_Window* window, RendererChoice choice,
                                    const std::filesystem::path& system_root);

// An off-screen RGBA surface with SDL's software renderer: needs no display and no video driver.
class SurfacePresenter : public Presenter {
 public:
  SurfacePresenter(int width, int height);
  ~SurfacePresenter() override;
  SDL_Renderer* renderer() override { return renderer_; }
  bool partial_redraw() const override { return true; }
  std::optional<SDL_Rect> begin(std::optional<SDL_Rect> only) override;
  long long present(std::optional<SDL_Rect> only) override;
  std::string describe() const override { return "off-screen software surface"; }
  const SDL_Surface* surface() const { return surface_; }
  // Writes the surface as PNG (stb_image_write). Throws std::runtime_error on failure.
  void save_png(const std::filesystem::path& file) const;

 private:
  SDL_Surface* surface_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
};

}  // namespace kiosk::app

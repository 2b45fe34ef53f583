#pragma once
// Posters and photos as SDL textures. Decoding a 1080p JPEG takes tens of milliseconds, so it runs
// on a worker thread; the UI thread only uploads finished pixels between frames and draws a
// placeholder until then. Memory is bounded: images are downscaled to what the screen can show and
// the least recently used textures are dropped beyond a budget.
#include <SDL.h>
#include <imgui.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kiosk/ui/frame_context.hpp"
#include "sync/content/image_decode.hpp"
#include "sync/content/snapshot.hpp"

namespace kiosk::app {

using content::DecodedImage;

// Reads and decodes an image file, downscaled while decoding to fit max_side. Empty on failure.
DecodedImage decode_image_file(const std::filesystem::path& file, int max_side);

class TextureImages : public ui::ImageSource {
 public:
  using Decoder = std::function<DecodedImage(const std::filesystem::path& file, int max_side)>;
  // synchronous: decode inside texture() (headless screenshots must not show placeholders).
  // decode: decode_image_file, or a test's stand-in that holds a decode in flight.
  TextureImages(SDL_Renderer* renderer, int max_side, std::size_t budget_bytes, bool synchronous,
                std::function<void()> wake_ui = {}, Decoder decode = decode_image_file);
  ~TextureImages() override;

  void set_snapshot(std::shared_ptr<const content::ContentSnapshot> snapshot);
  ImTextureID texture(const std::string& name, int* width, int* height) override;
  // UI thread, between frames: uploads what the worker finished. True if anything new can be drawn.
  bool upload_ready();
  std::size_t bytes() const { return bytes_; }

 private:
  struct Entry {
    SDL_Texture* texture = nullptr;
    int width = 0, height = 0;
    std::size_t bytes = 0;
    bool failed = false;
    std::list<std::string>::iterator lru;
  };
  void worker();
  void insert(const std::string& name, DecodedImage image);

  SDL_Renderer* renderer_;
  int max_side_;
  std::size_t budget_;
  bool synchronous_;
  std::function<void()> wake_ui_;
  Decoder decode_;
  std::shared_ptr<const content::ContentSnapshot> snapshot_;
  std::map<std::string, Entry> entries_;
  std::list<std::string> lru_;
  std::size_t bytes_ = 0;

  std::mutex mutex_;
  std::condition_variable cv_;
  // Every request and result carries the content generation it was made for: a decode still in
  // flight when new content arrives must not fill in for the new content's image of the same name.
  struct Request {
    std::string name;
    std::filesystem::path file;
    std::uint64_t generation;
  };
  std::deque<Request> requests_;
  std::vector<std::pair<std::string, DecodedImage>> done_;
  std::map<std::string, bool> pending_;
  std::uint64_t generation_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kiosk::app

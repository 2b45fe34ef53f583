#include "kiosk/app/texture_images.hpp"

#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>

#include <climits>

#include "platform/files.hpp"
#include "platform/log.hpp"
#include "sync/content/image_probe.hpp"

namespace kiosk::app {

DecodedImage decode_image_file(const std::filesystem::path& file, int max_side) {
  DecodedImage out;
  std::string bytes;
  try {
    bytes = platform::read_file(file, 32u << 20);
  } catch (const std::exception&) {
    return out;
  }
  if (bytes.size() > INT_MAX) return out;
  // The pixel cap before stb allocates: a feed's images are at most 1920x1080, but a hostile or
  // broken one must cost a log line, not the kiosk's memory.
  const auto size = content::probe_image(bytes);
  if (!size || !content::within_pixel_cap(*size)) {
    log::warn(
        "image " + file.filename().string() + " is not shown: " +
        (size ? std::to_string(size->width) + "x" + std::to_string(size->height) + " pixels is over the cap"
              : std::string("not a PNG or JPEG image")));
    return out;
  }
  int w = 0, h = 0, channels = 0;
  stbi_uc* pixels = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                                          static_cast<int>(bytes.size()), &w, &h, &channels, 4);
  if (pixels == nullptr || w <= 0 || h <= 0) {
    stbi_image_free(pixels);
    return out;
  }
  const double scale = std::min(1.0, static_cast<double>(max_side) / std::max(w, h));
  out.width = std::max(1, static_cast<int>(w * scale));
  out.height = std::max(1, static_cast<int>(h * scale));
  out.rgba.resize(static_cast<std::size_t>(out.width) * out.height * 4);
  if (scale < 1.0) {
    stbir_resize_uint8_srgb(pixels, w, h, 0, out.rgba.data(), out.width, out.height, 0, 4, 3, 0);
  } else {
    std::copy(pixels, pixels + out.rgba.size(), out.rgba.begin());
  }
  stbi_image_free(pixels);
  return out;
}

TextureImages::TextureImages(SDL_Renderer* renderer, int max_side, std::size_t budget_bytes, bool synchronous,
                             std::function<void()> wake_ui, Decoder decode)
    : renderer_(renderer),
      max_side_(max_side),
      budget_(budget_bytes),
      synchronous_(synchronous),
      wake_ui_(std::move(wake_ui)),
      decode_(std::move(decode)) {
  if (!synchronous_) thread_ = std::thread([this] { worker(); });
}

TextureImages::~TextureImages() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  for (auto& [name, e] : entries_) {
    if (e.texture != nullptr) SDL_DestroyTexture(e.texture);
  }
}

void TextureImages::set_snapshot(std::shared_ptr<const content::ContentSnapshot> snapshot) {
  snapshot_ = std::move(snapshot);
  // Names may now point at other bytes: start over (textures are cheap to reload).
  for (auto& [name, e] : entries_) {
    if (e.texture != nullptr) SDL_DestroyTexture(e.texture);
  }
  entries_.clear();
  lru_.clear();
  bytes_ = 0;
  std::lock_guard lock(mutex_);
  ++generation_;
  requests_.clear();
  pending_.clear();
  done_.clear();
}

void TextureImages::insert(const std::string& name, DecodedImage image) {
  Entry e;
  if (image.rgba.empty()) {
    e.failed = true;  // broken image: keep the placeholder, do not retry every frame
  } else {
    e.texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, image.width,
                                  image.height);
    if (e.texture != nullptr) {
      SDL_UpdateTexture(e.texture, nullptr, image.rgba.data(), image.width * 4);
      SDL_SetTextureBlendMode(e.texture, SDL_BLENDMODE_BLEND);
      SDL_SetTextureScaleMode(e.texture, SDL_ScaleModeLinear);
      e.width = image.width;
      e.height = image.height;
      e.bytes = image.rgba.size();
    } else {
      e.failed = true;
    }
  }
  if (auto old = entries_.find(name); old != entries_.end()) {  // never two textures for one name
    if (old->second.texture != nullptr) SDL_DestroyTexture(old->second.texture);
    bytes_ -= old->second.bytes;
    lru_.erase(old->second.lru);
    entries_.erase(old);
  }
  lru_.push_front(name);
  e.lru = lru_.begin();
  bytes_ += e.bytes;
  entries_[name] = e;
  while (bytes_ > budget_ && lru_.size() > 1) {
    const std::string victim = lru_.back();
    lru_.pop_back();
    auto it = entries_.find(victim);
    if (it->second.texture != nullptr) SDL_DestroyTexture(it->second.texture);
    bytes_ -= it->second.bytes;
    entries_.erase(it);
  }
}

ImTextureID TextureImages::texture(const std::string& name, int* width, int* height) {
  auto it = entries_.find(name);
  if (it != entries_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    *width = it->second.width;
    *height = it->second.height;
    return it->second.texture;
  }
  if (!snapshot_) return nullptr;
  const auto file = snapshot_->image_file(name);
  if (file.empty()) return nullptr;
  if (synchronous_) {
    insert(name, decode_(file, max_side_));
    return texture(name, width, height);
  }
  std::lock_guard lock(mutex_);
  if (!pending_[name]) {
    pending_[name] = true;
    requests_.push_back(Request{name, file, generation_});
    cv_.notify_one();
  }
  return nullptr;
}

bool TextureImages::upload_ready() {
  std::vector<std::pair<std::string, DecodedImage>> done;
  {
    std::lock_guard lock(mutex_);
    done.swap(done_);
    for (const auto& [name, image] : done) pending_.erase(name);
  }
  for (auto& [name, image] : done) insert(name, std::move(image));
  return !done.empty();
}

void TextureImages::worker() {
  std::unique_lock lock(mutex_);
  for (;;) {
    cv_.wait(lock, [this] { return stopping_ || !requests_.empty(); });
    if (stopping_) return;
    const Request request = requests_.front();
    requests_.pop_front();
    lock.unlock();
    DecodedImage image = decode_(request.file, max_side_);
    lock.lock();
    if (request.generation == generation_ && pending_.count(request.name)) {
      done_.emplace_back(request.name, std::move(image));
    }
    lock.unlock();
    if (wake_ui_) wake_ui_();
    lock.lock();
  }
}

}  // namespace kiosk::app

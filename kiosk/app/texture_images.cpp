#include "kiosk/app/texture_images.hpp"

#include "platform/files.hpp"
#include "platform/log.hpp"
#include "sync/content/image_decode.hpp"

namespace kiosk::app {

DecodedImage decode_image_file(const std::filesystem::path& file, int max_side) {
  try {
    return content::decode_image(platform::read_file(file, 32u << 20), max_side, max_side);
  } catch (const std::exception& e) {  // a broken image costs a log line and a placeholder, never the kiosk
    log::warn("image " + file.filename().string() + " is not shown: " + e.what());
    return {};
  }
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

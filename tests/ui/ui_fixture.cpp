#include "tests/ui/ui_fixture.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "sync/store/store.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace kiosk::test {

const ui::I18n& i18n() {
  static const ui::I18n strings = ui::I18n::load(source_dir() / "assets" / "i18n");
  return strings;
}

std::shared_ptr<const ui::MappedFont> font() {
  static const std::shared_ptr<const ui::MappedFont> f = [] {
    const auto file = ui::find_cjk_font();
    if (!file) throw std::runtime_error("no CJK font installed (fonts-noto-cjk)");
    return ui::MappedFont::open(*file);
  }();
  return f;
}

const ui::FontFile& font_file() {
  return font()->file();
}

content::UnixSeconds ui_now() {
  return demo_now();
}

std::shared_ptr<const content::ContentSnapshot> snapshot_of(const std::filesystem::path& source) {
  // Each store lives for the whole test binary: its snapshot points at the store's image blobs.
  static std::vector<std::unique_ptr<TempDir>> dirs;
  const auto& dir = *dirs.emplace_back(std::make_unique<TempDir>());
  store::OpenOptions o;
  o.db_path = dir / "content.db";
  o.now = ui_now();
  auto st = store::Store::open(o);
  const auto issues = store::import_source_dir(*st, source, ui_now(), "demo");
  if (issues.has_errors()) throw std::runtime_error(issues.summary());
  return st->snapshot();
}

std::shared_ptr<const content::ContentSnapshot> demo_snapshot() {
  static const std::shared_ptr<const content::ContentSnapshot> snap = snapshot_of(demo_dir());
  return snap;
}

Robot::Robot(int width, int height, ui::KioskUiConfig config, std::string pin_hash)
    : width_(width), height_(height) {
  kiosk_ = std::make_unique<app::HeadlessKiosk>(width, height, i18n(), font_file(), demo_snapshot(),
                                                std::move(config), std::move(pin_hash));
  frame();
  frame();
}

void Robot::frame() {
  kiosk_->step(ui_now() + static_cast<content::UnixSeconds>(mono_ - 100.0), mono_);
}

void Robot::advance(double seconds) {
  const double end = mono_ + seconds;
  while (mono_ < end) {
    const bool busy = kiosk_->ui().animating(mono_);
    mono_ = std::min(end, mono_ + (busy ? 1.0 / 60.0 : 1.0));
    frame();
  }
}

void Robot::finger(Uint32 type, float x, float y) {
  SDL_Event e{};
  e.type = type;
  e.tfinger.fingerId = 1;
  e.tfinger.x = x / static_cast<float>(width_);
  e.tfinger.y = y / static_cast<float>(height_);
  if (auto p = pointer_.translate(e, width_, height_, mono_)) kiosk_->ui().touch().push(*p);
}

void Robot::tap(float x, float y) {
  finger(SDL_FINGERDOWN, x, y);
  frame();
  mono_ += 0.08;  // a finger rests ~80 ms
  finger(SDL_FINGERUP, x, y);
  frame();
  frame();
  frame();
}

void Robot::tap(const std::string& name) {
  const auto& r = region(name);
  tap((r.min.x + r.max.x) * 0.5f, (r.min.y + r.max.y) * 0.5f);
}

void Robot::drag(float x0, float y0, float x1, float y1, double seconds, bool release) {
  finger(SDL_FINGERDOWN, x0, y0);
  frame();
  const int steps = std::max(2, static_cast<int>(seconds * 60));
  for (int i = 1; i <= steps; ++i) {
    mono_ += seconds / steps;
    const float t = static_cast<float>(i) / static_cast<float>(steps);
    finger(SDL_FINGERMOTION, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
    frame();
  }
  if (release) {
    finger(SDL_FINGERUP, x1, y1);
    frame();
  }
}

const ui::UiAudit::Region& Robot::region(const std::string& name) const {
  const auto* r = kiosk_->audit().region(name);
  if (r == nullptr) throw std::runtime_error("no region \"" + name + "\" was drawn in the last frame");
  return *r;
}

const ui::UiAudit::Region* Robot::first_region(const std::string& prefix) const {
  for (const auto& r : kiosk_->audit().regions) {
    if (r.name.rfind(prefix, 0) == 0) return &r;
  }
  return nullptr;
}

}  // namespace kiosk::test

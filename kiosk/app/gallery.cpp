#include "kiosk/app/gallery.hpp"

#include <stdexcept>

#include "kiosk/app/headless.hpp"

namespace kiosk::app {

void render_screenshot(const ScreenshotJob& job, const ui::I18n& i18n, const ui::FontFile& font,
                       std::shared_ptr<const content::ContentSnapshot> snapshot) {
  ui::KioskUiConfig config;
  config.kiosk_id = job.kiosk_id;
  HeadlessKiosk kiosk(job.width, job.height, i18n, font, snapshot, config, {}, job.px_per_mm);
  content::UnixSeconds now = job.now;
  if (!show_screen(kiosk.ui(), *snapshot, job.screen, now)) {
    throw std::runtime_error("unknown screen \"" + job.screen + "\"");
  }
  kiosk.ui().state().lang = job.lang;
  // Three frames: ImGui sizes child windows and scroll extents on the first, draws settled on the next.
  for (int i = 0; i < 3; ++i) kiosk.step(now, 1.0 + i * 0.016);
  kiosk.save_png(job.out);
}

std::vector<std::filesystem::path> render_gallery(const std::filesystem::path& dir, content::UnixSeconds now,
                                                  const ui::I18n& i18n, const ui::FontFile& font,
                                                  std::shared_ptr<const content::ContentSnapshot> snapshot,
                                                  const std::string& kiosk_id) {
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> written;
  for (const auto& size : kReferenceSizes) {
    // One kiosk per size (fonts are baked per size), reused for every screen and language.
    ui::KioskUiConfig config;
    config.kiosk_id = kiosk_id;
    HeadlessKiosk kiosk(size.width, size.height, i18n, font, snapshot, config);
    for (const auto& screen : screenshot_screens()) {
      for (content::Lang lang : {content::Lang::zh, content::Lang::en}) {
        content::UnixSeconds at = now;
        show_screen(kiosk.ui(), *snapshot, screen, at);
        kiosk.ui().state().lang = lang;
        for (int i = 0; i < 3; ++i) kiosk.step(at, 1.0 + i * 0.016);
        const auto file =
            dir / (screen + "-" + std::to_string(size.width) + "x" + std::to_string(size.height) + "-" +
                   (lang == content::Lang::zh ? "zh" : "en") + ".png");
        kiosk.save_png(file);
        written.push_back(file);
      }
    }
  }
  return written;
}

}  // namespace kiosk::app

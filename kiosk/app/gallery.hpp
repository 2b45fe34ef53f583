#pragma once
// Renders every screen at the four reference sizes in both languages into a directory of PNGs: what
// the run command does on a machine without a display, and what people look at in a review.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/i18n.hpp"
#include "sync/content/snapshot.hpp"

namespace kiosk::app {

struct ScreenSize {
  int width, height;
};
inline const std::vector<ScreenSize> kReferenceSizes = {{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}};

struct ScreenshotJob {
  std::string screen;
  int width = 1920, height = 1080;
  content::Lang lang = content::Lang::zh;
  content::UnixSeconds now = 0;
  std::filesystem::path out;
  std::string kiosk_id = "lobby-1";
  float px_per_mm = 0;  // the panel's density (0: guessed from the size, as on a kiosk that cannot tell)
};

// Throws std::runtime_error on an unknown screen or an unwritable file.
void render_screenshot(const ScreenshotJob& job, const ui::I18n& i18n, const ui::FontFile& font,
                       std::shared_ptr<const content::ContentSnapshot> snapshot);

// Every screen x size x language; returns the files written.
std::vector<std::filesystem::path> render_gallery(const std::filesystem::path& dir, content::UnixSeconds now,
                                                  const ui::I18n& i18n, const ui::FontFile& font,
                                                  std::shared_ptr<const content::ContentSnapshot> snapshot,
                                                  const std::string& kiosk_id);

}  // namespace kiosk::app

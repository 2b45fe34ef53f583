#pragma once
// Everything a screen may read while drawing one frame, and where it leaves its actions.
#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/actions.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/theme.hpp"
#include "sync/content/snapshot.hpp"

namespace kiosk::ui {

class TouchInput;
class QrCache;

// What the home badge and the staff overlay show about synchronisation. Until a sync engine feeds
// it, it only carries the content version.
struct SyncView {
  bool configured = false;  // is there a feed at all?
  std::string state;        // "idle", "checking", "downloading", "offline", "error"
  std::optional<content::UnixSeconds> offline_since;
  content::UnixSeconds last_success = 0;
  std::string last_error;       // the engine's sentence (English), for the English overlay
  std::string last_error_code;  // feed::failure_code(): the UI says it in the overlay's language
  // Not sync, but shown in the same places (the badge, the staff overlay):
  bool clock_trusted = true;  // false: the wall clock is known to be wrong, so no clock is shown
  bool safe_mode = false;     // crash-loop safe mode: earlier content, no sync
};

// Images the app has decoded and uploaded; nullptr while still loading (the screen draws a placeholder).
class ImageSource {
 public:
  virtual ~ImageSource() = default;
  virtual ImTextureID texture(const std::string& image_name, int* width, int* height) = 0;
};

// Records what was drawn so tests can check it: every text with the room it had, and named regions.
struct UiAudit {
  struct Text {
    std::string text;               // as drawn (after truncation)
    std::string full;               // as given
    ImVec2 min, max;                // the room it was given
    float width = 0;                // width of what was drawn
    ImVec2 ink_min, ink_max;        // where the drawn line lies: its width, one line of the font tall
    ImVec2 clip_min, clip_max;      // what its window let through (a scroll area's view, say)
    std::vector<char32_t> missing;  // code points the font has no glyph for
  };
  struct Region {
    std::string name;
    ImVec2 min, max;
  };
  std::vector<Text> texts;
  std::vector<Region> regions;
  void clear() {
    texts.clear();
    regions.clear();
  }
  const Region* region(std::string_view name) const {
    for (const auto& r : regions) {
      if (r.name == name) return &r;
    }
    return nullptr;
  }
};

struct FrameContext {
  const content::ContentSnapshot& snap;
  content::UnixSeconds now;
  content::Lang lang;
  const Theme& theme;
  const I18n& i18n;
  const SyncView& sync;
  const std::string& kiosk_id;
  ImageSource* images = nullptr;
  TouchInput& touch;
  QrCache& qr;
  UiAudit* audit = nullptr;
  Actions& actions;
  // Set by whoever draws the clock, so the app can redraw just that rectangle each second.
  std::optional<std::pair<ImVec2, ImVec2>> clock_rect;

  const std::string& tr(std::string_view key) const { return i18n.tr(key, lang); }
  std::string format(std::string_view key, std::initializer_list<std::string> args) const {
    return i18n.format(key, lang, args);
  }
  std::string format(std::string_view key, const std::vector<std::string>& args) const {
    return i18n.format(key, lang, args);
  }
  const std::string& text(const content::LocalText& t) const { return t.in(lang); }
  const Palette& colours() const { return theme.palette; }
  const Metrics& metrics() const { return theme.metrics; }
  const Fonts& fonts() const { return theme.fonts; }
  void act(Action::Kind kind, std::string id = {}, int value = 0) {
    actions.push_back(Action{kind, std::move(id), value});
  }
};

}  // namespace kiosk::ui

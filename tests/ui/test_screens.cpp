// Every screen rendered headless at 800x480, 1280x800, 1920x1080 and 1080x1920 in both languages,
// checked for what must be on it: regions, status colours read back from the pixels, QR codes, no
// glyph rendered as a missing mark, no text wider than the room it was given, touch targets >= 9 mm.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>

#include "kiosk/app/gallery.hpp"
#include "kiosk/app/staff_facts.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/ui/ui_fixture.hpp"

using namespace kiosk;

namespace {

bool near(std::array<unsigned char, 4> px, ui::Rgb want, int tolerance = 24) {
  return std::abs(px[0] - want.r) <= tolerance && std::abs(px[1] - want.g) <= tolerance &&
         std::abs(px[2] - want.b) <= tolerance;
}

std::string name(const char* screen, int w, int h, content::Lang lang) {
  return std::string(screen) + " " + std::to_string(w) + "x" + std::to_string(h) +
         (lang == content::Lang::en ? " en" : " zh");
}

// Layout over what was really drawn: no two visible lines of text overlap, and a line cut by its
// window (a scroll area's edge) is only cut where that edge shows there is more (the fade).
void check_layout(app::HeadlessKiosk& k, const std::string& what) {
  const auto& audit = k.audit();
  struct Box {
    ImVec2 min, max;
    bool empty() const { return max.x - min.x <= 1.5f || max.y - min.y <= 1.5f; }
  };
  const auto intersect = [](ImVec2 a0, ImVec2 a1, ImVec2 b0, ImVec2 b1) {
    return Box{ImVec2(std::max(a0.x, b0.x), std::max(a0.y, b0.y)),
               ImVec2(std::min(a1.x, b1.x), std::min(a1.y, b1.y))};
  };
  const auto fade_at = [&](const char* end, float edge, bool vertical) {
    for (const auto& r : audit.regions) {
      if (r.name.rfind("more:", 0) != 0 || r.name.find(end) == std::string::npos) continue;
      const float at =
          std::string(end) == ":end" ? (vertical ? r.max.y : r.max.x) : (vertical ? r.min.y : r.min.x);
      if (std::abs(at - edge) <= 2.0f) return true;
    }
    return false;
  };
  std::vector<Box> visible;
  std::vector<const ui::UiAudit::Text*> owners;
  for (const auto& t : audit.texts) {
    const Box shown = intersect(t.ink_min, t.ink_max, t.clip_min, t.clip_max);
    if (shown.empty()) continue;  // wholly outside its window: nothing of it is on screen
    const std::string line = what + ": \"" + t.text + "\"";
    if (t.ink_max.y > t.clip_max.y + 1.0f)
      CHECK_MESSAGE(fade_at(":end", t.clip_max.y, true),
                    line << " is cut at the bottom with no sign of more");
    if (t.ink_min.y < t.clip_min.y - 1.0f)
      CHECK_MESSAGE(fade_at(":start", t.clip_min.y, true), line << " is cut at the top with no sign of more");
    if (t.ink_max.x > t.clip_max.x + 1.0f)
      CHECK_MESSAGE(fade_at(":end", t.clip_max.x, false),
                    line << " is cut on the right with no sign of more");
    if (t.ink_min.x < t.clip_min.x - 1.0f)
      CHECK_MESSAGE(fade_at(":start", t.clip_min.x, false),
                    line << " is cut on the left with no sign of more");
    for (std::size_t i = 0; i < visible.size(); ++i) {
      CHECK_MESSAGE(intersect(shown.min, shown.max, visible[i].min, visible[i].max).empty(),
                    line << " overlaps \"" << owners[i]->text << "\"");
    }
    visible.push_back(shown);
    owners.push_back(&t);
  }
}

void check_common(app::HeadlessKiosk& k, const std::string& what) {
  check_layout(k, what);
  const auto& audit = k.audit();
  CHECK_MESSAGE(!audit.texts.empty(), what << ": nothing was drawn");
  for (const auto& t : audit.texts) {
    CHECK_MESSAGE(t.missing.empty(), what << ": \"" << t.text << "\" has characters the font atlas lacks");
    CHECK_MESSAGE(t.width <= (t.max.x - t.min.x) + 1.0f, what << ": \"" << t.text << "\" is " << t.width
                                                              << " px wide in " << (t.max.x - t.min.x)
                                                              << " px");
  }
  // Touch targets: everything a finger presses is at least 9 mm on the display's size.
  const auto& m = k.ui().theme().metrics;
  const float nine_mm = 9.0f * m.px_per_mm;
  for (const auto& r : audit.regions) {
    const bool target = r.name.rfind("nav:", 0) == 0 || r.name.rfind("chip:", 0) == 0 || r.name == "back" ||
                        r.name == "language" || r.name.rfind("event:", 0) == 0 ||
                        r.name.rfind("resource:", 0) == 0 || r.name.rfind("tile:", 0) == 0 ||
                        r.name.rfind("desk:", 0) == 0 || r.name == "staff-close";
    if (!target) continue;
    CHECK_MESSAGE(std::min(r.max.x - r.min.x, r.max.y - r.min.y) >= nine_mm - 0.5f,
                  what << ": " << r.name << " is smaller than 9 mm (" << nine_mm << " px)");
  }
}

// Whether `text` was drawn and none of its lines was cut short with an ellipsis.
bool drew_uncut(app::HeadlessKiosk& k, const std::string& text) {
  bool drawn = false;
  for (const auto& t : k.audit().texts) {
    if (t.full != text) continue;
    drawn = true;
    const bool cut = t.text.size() >= 3 && t.text.compare(t.text.size() - 3, 3, "…") == 0 &&
                     text.find("…") == std::string::npos;
    if (cut) return false;
  }
  return drawn;
}

void check_qr(app::HeadlessKiosk& k, const std::string& what) {
  const ui::UiAudit::Region* qr = nullptr;
  for (const auto& r : k.audit().regions) {
    if (r.name.rfind("qr:", 0) == 0) qr = &r;
  }
  REQUIRE_MESSAGE(qr != nullptr, what << ": no QR code");
  // Quiet zone white, and both dark and light modules inside.
  CHECK(near(k.pixel(static_cast<int>(qr->min.x) + 2, static_cast<int>(qr->min.y) + 2), {255, 255, 255}, 2));
  int dark = 0, light = 0;
  for (float y = qr->min.y + (qr->max.y - qr->min.y) * 0.2f; y < qr->max.y * 0.99f; y += 3) {
    for (float x = qr->min.x + (qr->max.x - qr->min.x) * 0.2f; x < qr->max.x - (qr->max.x - qr->min.x) * 0.2f;
         x += 3) {
      const auto p = k.pixel(static_cast<int>(x), static_cast<int>(y));
      (p[0] < 40 ? dark : light) += 1;
    }
  }
  CHECK_MESSAGE(dark > 20, what);
  CHECK_MESSAGE(light > 20, what);
}

void check_screen(app::HeadlessKiosk& k, const std::string& screen, const std::string& what) {
  const auto& p = k.ui().theme().palette;
  const auto& audit = k.audit();
  if (screen == "home") {
    for (const char* tile : {"tile:events", "tile:desks", "tile:resources", "tile:index"}) {
      CHECK_MESSAGE(audit.region(tile) != nullptr, what << ": " << tile);
    }
    CHECK_MESSAGE(audit.region("clock") != nullptr, what);
    const auto* badge = audit.region("sample-badge");
    REQUIRE_MESSAGE(badge != nullptr, what << ": sample data is not labelled");
    CHECK(
        near(k.pixel(static_cast<int>(badge->min.x) + 4, static_cast<int>((badge->min.y + badge->max.y) / 2)),
             p.warning));
  } else if (screen == "events") {
    int rows = 0;
    for (const auto& r : audit.regions) rows += r.name.rfind("event:", 0) == 0;
    CHECK_MESSAGE(rows >= 3, what << ": only " << rows << " event rows");
  } else if (screen.rfind("attract", 0) == 0) {
    // An invitation, not an app: the prompt in both languages, and nothing that looks like a button.
    CHECK(audit.region("attract-prompt") != nullptr);
    CHECK(drew_uncut(k, test::i18n().tr("attract.touch_to_start", content::Lang::zh)));
    CHECK(drew_uncut(k, test::i18n().tr("attract.touch_to_start", content::Lang::en)));
    for (const auto& r : audit.regions) {
      for (const char* control :
           {"nav:", "chip:", "tile:", "event:", "resource:", "desk:", "back", "language"})
        CHECK_MESSAGE(r.name.rfind(control, 0) != 0,
                      what << ": " << r.name << " looks tappable in attract mode");
    }
    if (screen == "attract-event" || screen == "attract-resource") {
      const auto* picture = [&]() -> const ui::UiAudit::Region* {
        for (const auto& r : audit.regions)
          if (r.name.rfind("image:", 0) == 0) return &r;
        return nullptr;
      }();
      CHECK_MESSAGE(picture != nullptr, what << ": no poster or photo");
    }
  } else if (screen == "event-detail" || screen == "resource-detail") {
    check_qr(k, what);
  } else if (screen == "event-running" || screen == "event-full" || screen == "event-cancelled") {
    // The state in words on the badge; no code to scan for an event nobody can sign up for, and
    // the reason where the code would be.
    const std::string state = screen.substr(screen.find('-') + 1);
    const std::string word = test::i18n().tr("event_status." + state, k.ui().state().lang);
    CHECK_MESSAGE(drew_uncut(k, word), what << ": no \"" << word << "\" badge");
    if (screen == "event-running") {
      check_qr(k, what);
    } else {
      CHECK_MESSAGE(audit.region("signup-closed:" + state) != nullptr, what);
      for (const auto& r : audit.regions) CHECK_MESSAGE(r.name.rfind("qr:", 0) != 0, what << ": " << r.name);
    }
  } else if (screen == "space-detail") {
    // Another space than the kiosk's: its address is on the page and its map code is there to scan.
    const content::Space* space = test::demo_snapshot()->space(k.ui().state().space_id);
    REQUIRE_MESSAGE(space != nullptr, what);
    CHECK(audit.region("space-detail:" + space->id) != nullptr);
    CHECK_MESSAGE(drew_uncut(k, space->address.in(k.ui().state().lang)), what << ": address missing or cut");
    check_qr(k, what);
  } else if (screen == "desk-detail") {
    // Status with its colour, until when, the price and a code to book.
    const ui::UiAudit::Region* status = nullptr;
    for (const auto& r : audit.regions) {
      if (r.name.rfind("desk-status:", 0) == 0) status = &r;
    }
    REQUIRE_MESSAGE(status != nullptr, what);
    const auto s = content::enum_from_string<content::DeskStatus>(status->name.substr(12));
    REQUIRE(s);
    CHECK_MESSAGE(near(k.pixel(static_cast<int>(status->min.x) + 3,
                               static_cast<int>((status->min.y + status->max.y) / 2)),
                       ui::status_colour(p, *s)),
                  what);
    bool until = false, price = false;
    for (const auto& t : audit.texts) {
      until |= t.text == t.full &&
               (t.full.find("至 ") != std::string::npos || t.full.find("until ") != std::string::npos);
      price |= t.text == t.full && t.full.find("¥") != std::string::npos;
    }
    CHECK_MESSAGE(until, what << ": the desk is taken but not until when");
    CHECK_MESSAGE(price, what << ": no price");
    check_qr(k, what);
  } else if (screen == "desks") {
    int checked = 0;
    for (const auto& r : audit.regions) {
      if (r.name.rfind("desk:", 0) != 0 || r.max.y > k.surface().surface()->h || r.min.y < 0) continue;
      const std::string status = r.name.substr(r.name.rfind(':') + 1);
      const auto s = content::enum_from_string<content::DeskStatus>(status);
      REQUIRE(s);
      // A point inside the tile, away from its rounded corner and its mark.
      const auto px = k.pixel(static_cast<int>(r.min.x + (r.max.x - r.min.x) * 0.12f),
                              static_cast<int>(r.min.y + (r.max.y - r.min.y) * 0.5f));
      CHECK_MESSAGE(near(px, ui::status_colour(p, *s)), what << ": " << r.name);
      ++checked;
    }
    CHECK_MESSAGE(checked >= 6, what << ": only " << checked << " desks visible");
    for (const char* s :
         {"legend:free", "legend:booked", "legend:occupied", "legend:out_of_service", "legend:unknown"}) {
      CHECK_MESSAGE(audit.region(s) != nullptr, what << ": " << s);
    }
    check_qr(k, what);
  } else if (screen == "resources") {
    int cards = 0;
    for (const auto& r : audit.regions) cards += r.name.rfind("resource:", 0) == 0;
    CHECK_MESSAGE(cards >= 4, what);
    CHECK(audit.region("search-field") != nullptr);
  } else if (screen == "index") {
    CHECK(audit.region("index-composite") != nullptr);
    for (const char* g :
         {"group:input", "group:entities", "group:output", "group:industry", "group:environment"}) {
      CHECK_MESSAGE(audit.region(g) != nullptr, what << ": " << g);
    }
    CHECK(audit.region("chart") != nullptr);
    // The progress measure is explained once, and the plan period (2016-2020) is said to be over.
    bool explained = false, period = false;
    for (const auto& t : audit.texts) {
      explained |= t.full.find("90%") != std::string::npos && t.full.find("2020") != std::string::npos;
      period |= t.full.find("2016–2020") != std::string::npos;
    }
    CHECK_MESSAGE(explained, what);
    CHECK_MESSAGE(period, what);
  } else if (screen == "staff") {
    CHECK(audit.region("staff-buttons") != nullptr);
    CHECK(audit.region("staff-facts") != nullptr);
  } else if (screen == "notice-detail") {
    // The whole notice: every text's wrapped lines together give all of it, nothing ellipsised.
    const auto* detail = audit.region("notice-detail");
    REQUIRE_MESSAGE(detail != nullptr, what);
    std::map<std::string, std::string> drawn;  // full text -> its lines joined
    for (const auto& t : audit.texts) {
      if (t.min.y < detail->min.y - 2 || t.max.y > detail->max.y + 1 || t.min.x < detail->min.x - 1) continue;
      drawn[t.full] += t.text;
    }
    const auto squeeze = [](std::string s) {
      s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
      return s;
    };
    for (const auto& [full, lines] : drawn)
      CHECK_MESSAGE(squeeze(lines) == squeeze(full), what << ": " << full);
    std::string seen;
    for (const auto& [full, lines] : drawn) seen += full + " | ";
    CHECK_MESSAGE(drawn.size() >= 3, what << ": " << seen);  // title, until when, body
  } else if (screen == "resources-keyboard") {
    // Every key, the letters and delete, clear, done and space, is drawn whole inside the keyboard.
    const auto* board = audit.region("keyboard");
    REQUIRE_MESSAGE(board != nullptr, what);
    int keys = 0;
    for (const auto& t : audit.texts) {
      const ImVec2 centre((t.min.x + t.max.x) / 2, (t.min.y + t.max.y) / 2);
      if (centre.y < board->min.y || centre.y > board->max.y || centre.x < board->min.x ||
          centre.x > board->max.x)
        continue;  // the list above, the navigation beside
      ++keys;
      CHECK_MESSAGE(t.text == t.full, what << ": key " << t.full << " reads " << t.text);
      CHECK_MESSAGE((t.min.x >= board->min.x - 1 && t.max.x <= board->max.x + 1 &&
                     t.min.y >= board->min.y - 1 && t.max.y <= board->max.y + 1),
                    what << ": key " << t.full << " outside the keyboard");
    }
    CHECK_MESSAGE(keys == 36 + 4, what);
  } else if (screen == "staff-pair") {
    REQUIRE(audit.region("pair-pad") != nullptr);
    CHECK(audit.region("pair-code") != nullptr);
    // Every key of the code keyboard is drawn, whole, inside the pad.
    const auto* pad = audit.region("pair-pad");
    int keys = 0;
    for (const auto& t : audit.texts) {
      if (t.full.size() != 1 || t.min.y < pad->min.y - 1) continue;
      ++keys;
      CHECK_MESSAGE(t.text == t.full, what << ": key " << t.full);
      CHECK_MESSAGE(t.max.x <= pad->max.x + 1, what << ": key " << t.full << " outside the pad");
    }
    CHECK_MESSAGE(keys == 32, what);
  }
}

void render_all(int w, int h, content::Lang lang) {
  app::HeadlessKiosk k(w, h, test::i18n(), test::font_file(), test::demo_snapshot());
  for (const auto& screen : app::screenshot_screens()) {
    const std::string what = name(screen.c_str(), w, h, lang);
    content::UnixSeconds at = test::ui_now();
    REQUIRE(app::show_screen(k.ui(), *test::demo_snapshot(), screen, at));
    k.ui().state().lang = lang;
    for (int i = 0; i < 3; ++i) k.step(at, 1.0 + i * 0.016);
    check_common(k, what);
    check_screen(k, screen, what);
  }
  // The font atlas fits the texture limit of the oldest supported Pi GPU.
  CHECK(k.host().fonts().width <= 2048);
  CHECK(k.host().fonts().height <= 2048);
}

}  // namespace

TEST_CASE("every screen at 800x480 in Chinese") {
  render_all(800, 480, content::Lang::zh);
}
TEST_CASE("every screen at 800x480 in English") {
  render_all(800, 480, content::Lang::en);
}
TEST_CASE("every screen at 1280x800 in Chinese") {
  render_all(1280, 800, content::Lang::zh);
}
TEST_CASE("every screen at 1280x800 in English") {
  render_all(1280, 800, content::Lang::en);
}
TEST_CASE("every screen at 1920x1080 in Chinese") {
  render_all(1920, 1080, content::Lang::zh);
}
TEST_CASE("every screen at 1920x1080 in English") {
  render_all(1920, 1080, content::Lang::en);
}
TEST_CASE("every screen at portrait 1080x1920 in Chinese") {
  render_all(1080, 1920, content::Lang::zh);
}
TEST_CASE("every screen at portrait 1080x1920 in English") {
  render_all(1080, 1920, content::Lang::en);
}

TEST_CASE("the language really changes: English screens draw English words") {
  app::HeadlessKiosk k(1280, 800, test::i18n(), test::font_file(), test::demo_snapshot());
  const auto drew = [&](const std::string& text) {
    for (const auto& t : k.audit().texts) {
      if (t.full == text) return true;
    }
    return false;
  };
  k.step(test::ui_now(), 1.0);
  CHECK(drew("今日活动"));
  k.ui().state().lang = content::Lang::en;
  k.step(test::ui_now(), 1.1);
  CHECK(drew("Events today"));
  CHECK_FALSE(drew("今日活动"));
}

TEST_CASE("an urgent notice takes over the screen until it expires") {
  content::Content c = test::demo_snapshot()->content();
  const auto drill = std::find_if(c.notices.begin(), c.notices.end(), [](const content::Notice& n) {
    return n.priority == content::NoticePriority::urgent;
  });
  REQUIRE(drill != c.notices.end());
  app::HeadlessKiosk k(1280, 800, test::i18n(), test::font_file(), content::ContentSnapshot::build(c, {}),
                       {});
  k.step(drill->starts + 60, 1.0);
  CHECK(k.audit().region("urgent-notice") != nullptr);
  CHECK(k.audit().region("nav:nav.events") == nullptr);  // nothing else to tap meanwhile
  k.step(drill->ends + 1, 2.0);
  CHECK(k.audit().region("urgent-notice") == nullptr);
  CHECK(k.audit().region("tile:events") != nullptr);
}

TEST_CASE("a clock known to be wrong is not shown - the hall's name takes its place") {
  app::HeadlessKiosk k(1280, 800, test::i18n(), test::font_file(), test::demo_snapshot());
  const auto drew_time = [&] {
    for (const auto& t : k.audit().texts) {
      if (t.full == ":17" || t.full == "10:00:17")
        return true;  // the home clock's seconds, the top bar's clock
    }
    return false;
  };
  const auto drew = [&](const std::string& text) {
    for (const auto& t : k.audit().texts) {
      if (t.full == text) return true;
    }
    return false;
  };
  const auto now = test::ui_now() + 17;
  k.step(now, 1.0);
  CHECK(drew_time());
  k.sync().clock_trusted = false;
  k.step(now, 2.0);
  if (const char* dir = std::getenv("KIOSK_TEST_SCREENSHOTS"))
    k.save_png(std::string(dir) + "/home-clock-wrong.png");
  CHECK_FALSE(drew_time());
  CHECK(drew(test::demo_snapshot()->content().meta.title.zh));
  k.ui().state().screen = ui::Screen::events;  // the top bar's clock goes too
  k.step(now, 3.0);
  CHECK_FALSE(drew_time());
  for (const auto& t : k.audit().texts) CHECK(t.missing.empty());
}

TEST_CASE("safe mode shows a warning badge and the reason in the staff overlay") {
  app::HeadlessKiosk k(1280, 800, test::i18n(), test::font_file(), test::demo_snapshot());
  k.sync().safe_mode = true;
  ui::StaffFacts facts;
  facts.rows.push_back({"staff.safe_mode", "3 crashed starts in the last 10 minutes", {}, {}, true});
  k.ui().set_staff_facts(facts);
  k.ui().state().screen = ui::Screen::events;
  k.step(test::ui_now(), 1.0);
  if (const char* dir = std::getenv("KIOSK_TEST_SCREENSHOTS"))
    k.save_png(std::string(dir) + "/events-safe-mode.png");
  bool badge = false;
  for (const auto& t : k.audit().texts) badge |= t.full == "安全模式 · 显示早前内容";
  CHECK(badge);
  CHECK(k.audit().region("sync-badge-offline") != nullptr);  // drawn as the warning badge
  k.ui().state().staff.unlocked = true;
  k.step(test::ui_now(), 2.0);
  bool reason = false;
  for (const auto& t : k.audit().texts) reason |= t.full.find("3 crashed starts") != std::string::npos;
  CHECK(reason);
}

TEST_CASE(
    "the staff overlay says the sync state and failure in its own language - and shows config problems") {
  for (const auto lang : {content::Lang::zh, content::Lang::en}) {
    app::HeadlessKiosk k(1280, 800, test::i18n(), test::font_file(), test::demo_snapshot());
    k.sync().configured = true;
    k.sync().state = "error";
    k.sync().last_error_code = "timeout";
    k.sync().last_error =
        "timestamp.json arrived too slowly (under 1024 bytes/s for 20 s): the network is very slow";
    app::StaffFactsInput in;
    in.kiosk_id = "lobby-1";
    in.clock.wall = test::ui_now();
    in.config_problems = {"idle_timeout_s must be a number; using 90"};
    k.ui().set_staff_facts(app::make_staff_facts(in));
    k.ui().state().staff.unlocked = true;
    k.ui().state().lang = lang;
    k.step(test::ui_now(), 1.0);
    if (const char* dir = std::getenv("KIOSK_TEST_SCREENSHOTS")) {
      k.save_png(std::string(dir) + "/staff-sync-failed-" + (lang == content::Lang::zh ? "zh" : "en") +
                 ".png");
    }
    std::string all;
    for (const auto& t : k.audit().texts) all += t.full + "\n";
    const bool zh = lang == content::Lang::zh;
    CHECK_MESSAGE(
        all.find(zh ? "同步失败（显示上次的内容）" : "sync failed (last content shown)") != std::string::npos,
        all);
    CHECK_MESSAGE(
        all.find(zh ? "内容服务器响应超时或网络太慢" : "the content server timed out") != std::string::npos,
        all);
    CHECK(all.find("arrived too slowly") == std::string::npos);  // no raw engine English, in either language
    CHECK(all.find("up_to_date") == std::string::npos);
    CHECK(all.find(zh ? "配置问题（已用默认值）" : "Configuration problems (defaults used)") !=
          std::string::npos);
    CHECK(all.find("idle_timeout_s must be a number") != std::string::npos);
  }
}

TEST_CASE(
    "the home tile and the desks screen count the same free desks - this space - and name the zone total") {
  app::HeadlessKiosk k(1920, 1080, test::i18n(), test::font_file(), test::demo_snapshot());
  k.ui().state().lang = content::Lang::zh;
  k.step(test::ui_now(), 1.0);
  const auto* tile = k.audit().region("tile:desks");
  REQUIRE(tile != nullptr);
  std::string figure, detail;
  for (const auto& t : k.audit().texts) {
    if (t.min.x < tile->min.x || t.max.x > tile->max.x || t.min.y < tile->min.y || t.max.y > tile->max.y)
      continue;
    if (!t.full.empty() && t.full.find_first_not_of("0123456789") == std::string::npos) figure = t.full;
    if (t.full.find("全园区") != std::string::npos) detail = t.full;
  }
  REQUIRE_FALSE(figure.empty());
  const auto zone = test::demo_snapshot()->desk_counts(test::ui_now());
  CHECK(detail.find("全园区空闲 " + std::to_string(zone.count(content::DeskStatus::free)) + " 个") !=
        std::string::npos);
  content::UnixSeconds at = test::ui_now();
  REQUIRE(app::show_screen(k.ui(), *test::demo_snapshot(), "desks", at));
  k.ui().state().lang = content::Lang::zh;
  k.step(test::ui_now(), 1.0);
  bool same = false;
  for (const auto& t : k.audit().texts) same |= t.full.rfind("空闲 " + figure + " / ", 0) == 0;
  CHECK_MESSAGE(same, "the home tile says " << figure << " free; the desks screen does not");
}

TEST_CASE("the home screen never promotes a full or cancelled event as next") {
  const auto demo = test::demo_snapshot();
  std::vector<const content::Event*> next;  // today's, in the order the home screen considers them
  content::EventFilter today;
  today.local_day = content::local_day(test::ui_now());
  for (const content::Event* e : demo->upcoming_events(test::ui_now(), today))
    if (e->start >= test::ui_now() && e->status == content::EventStatus::scheduled) next.push_back(e);
  REQUIRE_MESSAGE(next.size() >= 2, "the demo needs two more events today for this test");
  const auto home_text = [](const std::shared_ptr<const content::ContentSnapshot>& snap) {
    app::HeadlessKiosk k(1080, 1920, test::i18n(), test::font_file(), snap);  // portrait: "coming up" too
    k.ui().state().lang = content::Lang::zh;
    k.step(test::ui_now(), 1.0);
    std::string all;
    for (const auto& t : k.audit().texts) all += t.full + "\n";
    return all;
  };
  REQUIRE(home_text(demo).find(next[0]->title.zh) != std::string::npos);  // promoted while scheduled
  for (const char* status : {"full", "cancelled"}) {
    test::TempDir dir;
    test::copy_tree(test::demo_dir(), dir.path());
    auto events = nlohmann::json::parse(test::read_text(dir / "events.json"));
    for (auto& e : events["events"])
      if (e["id"] == next[0]->id) e["status"] = status;
    test::write_text(dir / "events.json", events.dump());
    const std::string all = home_text(test::snapshot_of(dir.path()));
    CHECK_MESSAGE(all.find(next[0]->title.zh) == std::string::npos, status << ": still promoted\n" << all);
    CHECK_MESSAGE(all.find(next[1]->title.zh) != std::string::npos, status << ": the next one is not\n"
                                                                           << all);
  }
}

TEST_CASE("staff read the board problems and uptime in their own language - no English in Chinese") {
  for (const auto lang : {content::Lang::zh, content::Lang::en}) {
    app::HeadlessKiosk k(1920, 1080, test::i18n(), test::font_file(), test::demo_snapshot());
    app::StaffFactsInput in;
    in.kiosk_id = "lobby-1";
    in.clock.wall = test::ui_now();
    in.device.throttled = 0x50005;  // under-voltage and throttled, now and since boot
    in.device.cpu_celsius = 83.2;
    in.device.uptime_s = 3 * 3600 + 7 * 60;
    k.ui().set_staff_facts(app::make_staff_facts(in));
    k.ui().state().staff.unlocked = true;
    k.ui().state().lang = lang;
    k.step(test::ui_now(), 1.0);
    const bool zh = lang == content::Lang::zh;
    if (const char* dir = std::getenv("KIOSK_TEST_SCREENSHOTS"))
      k.save_png(std::string(dir) + "/staff-device-" + (zh ? "zh" : "en") + ".png");
    std::string all;
    for (const auto& t : k.audit().texts) all += t.full + "\n";
    for (const char* expected :
         zh ? std::vector<const char*>{"电压不足：请使用官方 5 V 电源和短而粗的电源线", "CPU 温度 83 °C",
                                       "开机后曾降频", "3 小时 7 分钟"}
            : std::vector<const char*>{"under-voltage now: use the official 5 V power supply", "CPU at 83 °C",
                                       "throttled since boot", "3 h 7 min"}) {
      CHECK_MESSAGE(all.find(expected) != std::string::npos, expected << " missing from:\n" << all);
    }
    if (zh) {
      for (const char* english : {"under-voltage", "throttled", " min", "heatsink"})
        CHECK_MESSAGE(all.find(english) == std::string::npos, english << " in the Chinese overlay:\n" << all);
    }
  }
}

TEST_CASE("staff see that opening hours wait for network time - whole - at 800x480 in both languages") {
  for (const auto lang : {content::Lang::zh, content::Lang::en}) {
    app::HeadlessKiosk k(800, 480, test::i18n(), test::font_file(), test::demo_snapshot());
    app::StaffFactsInput in;
    in.kiosk_id = "lobby-1";
    in.screen.always_on = false;
    in.clock.wall = test::ui_now();
    in.clock.synchronised = false;
    k.ui().set_staff_facts(app::make_staff_facts(in));
    k.ui().state().staff.unlocked = true;
    k.ui().state().lang = lang;
    k.step(test::ui_now(), 1.0);
    const std::string what = lang == content::Lang::en ? "staff 800x480 en" : "staff 800x480 zh";
    if (const char* dir = std::getenv("KIOSK_TEST_SCREENSHOTS"))
      k.save_png(std::string(dir) + "/" + what + ".png");
    check_common(k, what);
    const std::string expected = lang == content::Lang::en
                                     ? "on: opening hours apply once network time has set the clock"
                                     : "常亮：网络校时后才按开放时间熄屏";
    bool whole = false;
    for (const auto& t : k.audit().texts) whole |= t.full == expected && t.text == expected;
    CHECK_MESSAGE(whole, what << ": the screen row is missing or cut short");
  }
}

TEST_CASE(
    "staff pair a kiosk with the console from the overlay: 8 characters - then the code leaves the UI once") {
  app::HeadlessKiosk k(800, 480, test::i18n(), test::font_file(), test::demo_snapshot());
  content::UnixSeconds at = test::ui_now();
  REQUIRE(app::show_screen(k.ui(), *test::demo_snapshot(), "staff", at));
  using K = ui::Action::Kind;
  auto& ui = k.ui();
  k.step(test::ui_now(), 1.0);
  bool offered = false;
  for (const auto& t : k.audit().texts) offered |= t.full == "与控制台配对";
  CHECK(offered);  // a console is configured: the button is there
  ui.apply({K::staff_pair_open, {}, 0}, 1.0);
  for (const char* c : {"A", "B", "3", "K"}) ui.apply({K::staff_pair_key, c, 0}, 1.0);
  ui.apply({K::staff_pair_submit, {}, 0}, 1.0);  // too short: nothing happens
  CHECK(ui.state().staff.pairing);
  CHECK_FALSE(k.step(test::ui_now(), 1.1).pair_code);
  for (const char* c : {"7", "Q", "2", "M", "X"}) ui.apply({K::staff_pair_key, c, 0}, 1.2);
  CHECK(ui.state().staff.pair_code == "AB3K7Q2M");  // at most 8
  ui.apply({K::staff_pair_submit, {}, 0}, 1.3);
  const auto out = k.step(test::ui_now(), 1.4);
  REQUIRE(out.pair_code);
  CHECK(*out.pair_code == "AB3K7Q2M");
  CHECK_FALSE(ui.state().staff.pairing);
  CHECK_FALSE(k.step(test::ui_now(), 1.5).pair_code);  // once
  ui.apply({K::staff_pair_open, {}, 0}, 1.6);
  ui.apply({K::staff_pair_key, "Z", 0}, 1.6);
  ui.apply({K::staff_close, {}, 0}, 1.7);  // closing the overlay forgets a half-typed code
  CHECK(ui.state().staff.pair_code.empty());
  CHECK_FALSE(ui.state().staff.pairing);
}

TEST_CASE("every event row says where it is: this kiosk's space is here - any other space by name") {
  app::HeadlessKiosk k(1920, 1080, test::i18n(), test::font_file(), test::demo_snapshot());
  content::UnixSeconds at = test::ui_now();
  REQUIRE(app::show_screen(k.ui(), *test::demo_snapshot(), "events", at));
  k.step(at, 1.0);
  k.step(at, 1.1);
  const auto& snap = *test::demo_snapshot();
  const content::Space* here = snap.home_space("lobby-1");
  REQUIRE(here != nullptr);
  int here_rows = 0, elsewhere_rows = 0;
  for (const auto& r : k.audit().regions) {
    if (r.name.rfind("event:", 0) != 0) continue;
    const content::Event* e = snap.event(r.name.substr(6));
    REQUIRE(e != nullptr);
    const bool is_here = e->space_id == here->id;
    const std::string want = e->venue.zh + " · " + (is_here ? "本空间" : snap.space(e->space_id)->name.zh);
    bool drawn = false;
    for (const auto& t : k.audit().texts) drawn |= t.full == want;
    CHECK_MESSAGE(drawn, "event " << e->id << " does not say \"" << want << "\"");
    (is_here ? here_rows : elsewhere_rows) += 1;
  }
  CHECK(here_rows > 0);  // the demo has both kinds in view, so both rules were tested
  CHECK(elsewhere_rows > 0);
}

TEST_CASE("the staff overlay shows every fact at every size - the rest scrolls - none is dropped") {
  app::StaffFactsInput in;  // a kiosk with many facts: warnings, clock, screen, console, board
  in.kiosk_id = "lobby-1";
  in.display = "off-screen software surface";
  in.clock.wall = test::ui_now();
  in.device.throttled = 0x50005;
  in.device.cpu_celsius = 71.0;
  in.device.uptime_s = 3600;
  in.config_problems = {"staff_pin_hash is empty"};
  const ui::StaffFacts facts = app::make_staff_facts(in);
  REQUIRE(facts.rows.size() >= 8);
  for (const auto& size : app::kReferenceSizes) {
    app::HeadlessKiosk k(size.width, size.height, test::i18n(), test::font_file(), test::demo_snapshot());
    k.ui().set_staff_facts(facts);
    k.ui().state().staff.unlocked = true;
    k.step(test::ui_now(), 1.0);
    k.step(test::ui_now(), 1.1);
    for (const auto& row : facts.rows) {
      const std::string label = test::i18n().tr(row.label, content::Lang::zh);
      bool drawn = false;
      for (const auto& t : k.audit().texts) drawn |= t.full == label;
      CHECK_MESSAGE(drawn, size.width << "x" << size.height << ": the \"" << label << "\" row is missing");
    }
  }
}

TEST_CASE("the index's bars share one scale: each starts at the same x and is as long as the others") {
  for (const auto& size : app::kReferenceSizes) {
    for (const auto lang : {content::Lang::zh, content::Lang::en}) {
      app::HeadlessKiosk k(size.width, size.height, test::i18n(), test::font_file(), test::demo_snapshot());
      content::UnixSeconds at = test::ui_now();
      REQUIRE(app::show_screen(k.ui(), *test::demo_snapshot(), "index", at));
      k.ui().state().lang = lang;
      k.step(at, 1.0);
      k.step(at, 1.1);
      const std::string what = name("index", size.width, size.height, lang);
      std::vector<const ui::UiAudit::Region*> bars;
      for (const auto& r : k.audit().regions) {
        if (r.name.rfind("bar:", 0) == 0) bars.push_back(&r);
      }
      REQUIRE_MESSAGE(bars.size() >= 3, what);
      for (const auto* b : bars) {
        CHECK_MESSAGE(std::abs(b->min.x - bars.front()->min.x) < 0.5f, what << ": " << b->name);
        CHECK_MESSAGE(std::abs(b->max.x - bars.front()->max.x) < 0.5f, what << ": " << b->name);
      }
    }
  }
}

TEST_CASE(
    "list titles wrap to two lines before they are cut - every demo title is read whole at every size") {
  const auto& snap = *test::demo_snapshot();
  for (const auto& size : app::kReferenceSizes) {
    for (const auto lang : {content::Lang::zh, content::Lang::en}) {
      app::HeadlessKiosk k(size.width, size.height, test::i18n(), test::font_file(), test::demo_snapshot());
      for (const char* screen : {"events", "resources", "index"}) {
        content::UnixSeconds at = test::ui_now();
        REQUIRE(app::show_screen(k.ui(), snap, screen, at));
        k.ui().state().lang = lang;
        k.step(at, 1.0);
        k.step(at, 1.1);
        const std::string what = name(screen, size.width, size.height, lang);
        int titles = 0;
        for (const auto& r : k.audit().regions) {
          std::string title;
          if (r.name.rfind("event:", 0) == 0) title = snap.event(r.name.substr(6))->title.in(lang);
          if (r.name.rfind("resource:", 0) == 0) title = snap.resource(r.name.substr(9))->name.in(lang);
          if (r.name.rfind("indicator:", 0) == 0) {
            for (const auto& pr : snap.indicators()) {
              if (pr.indicator->id == r.name.substr(10)) title = pr.indicator->name.in(lang);
            }
          }
          if (title.empty()) continue;
          ++titles;
          CHECK_MESSAGE(drew_uncut(k, title), what << ": \"" << title << "\" is cut");
        }
        CHECK_MESSAGE(titles >= 3, what);
      }
    }
  }
}

TEST_CASE("a 21.5-inch 1080p panel sized by its diagonal shows more than five events - the TV guess fewer") {
  const auto events_in_view = [](float px_per_mm) {
    app::HeadlessKiosk k(1920, 1080, test::i18n(), test::font_file(), test::demo_snapshot(), {}, {},
                         px_per_mm);
    content::UnixSeconds at = test::ui_now();
    REQUIRE(app::show_screen(k.ui(), *test::demo_snapshot(), "events", at));
    k.step(at, 1.0);
    k.step(at, 1.1);
    check_common(k, "events 1920x1080 at " + std::to_string(px_per_mm) + " px/mm");
    int whole = 0;
    for (const auto& r : k.audit().regions) whole += r.name.rfind("event:", 0) == 0 && r.max.y <= 1080.0f;
    return whole;
  };
  const int desk = events_in_view(ui::px_per_mm_from_diagonal(1920, 1080, 21.5f));
  const int tv = events_in_view(0);
  CHECK(desk > 5);
  CHECK(desk > tv);
}

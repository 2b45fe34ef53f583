// Scripted touch sequences: SDL touch events go in through the app's own translator, real frames come
// out, and the resulting UI state is asserted.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include "kiosk/app/demo_pin.hpp"
#include "platform/pin_hash.hpp"
#include "tests/ui/ui_fixture.hpp"

using namespace kiosk;
using test::Robot;

namespace {
// Keys are buttons; find them through their labels in the last frame's texts.
void press_key(Robot& r, const std::string& label) {
  for (const auto& t : r.kiosk().audit().texts) {
    if (t.full == label && t.max.y > r.region("keyboard").min.y) {
      r.tap((t.min.x + t.max.x) / 2, (t.min.y + t.max.y) / 2);
      return;
    }
  }
  FAIL("no key " << label);
}

float scroll_of(const char* child_name) {
  // Child windows are named "<parent>/<id>_<hash>"; find ours by its id.
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    if (std::string(w->Name).find(child_name) != std::string::npos) return w->Scroll.y;
  }
  return -1;
}
}  // namespace

TEST_CASE("a tap on the navigation opens that screen") {
  Robot r;
  r.tap("nav:nav.events");
  CHECK(r.state().screen == ui::Screen::events);
  r.tap("nav:nav.desks");
  CHECK(r.state().screen == ui::Screen::desks);
}

TEST_CASE("the frame that takes the finger up already shows the screen the tap leads to") {
  Robot r;
  const auto& nav = r.region("nav:nav.events");
  const float x = (nav.min.x + nav.max.x) / 2, y = (nav.min.y + nav.max.y) / 2;
  r.finger(SDL_FINGERDOWN, x, y);
  r.frame();
  CHECK(r.first_region("event:") == nullptr);  // still home, the press shown
  r.advance(0.1);
  r.finger(SDL_FINGERUP, x, y);
  const ui::FrameOutput out = r.kiosk().step(test::ui_now(), r.mono());
  CHECK(out.builds == 2);
  CHECK(r.state().screen == ui::Screen::events);
  CHECK(r.first_region("event:") != nullptr);  // drawn in this very frame, not the next one
  // A frame with no action is built once.
  CHECK(r.kiosk().step(test::ui_now(), r.mono() + 1).builds == 1);
}

TEST_CASE("a tap shorter than a frame still registers (Dear ImGui 1.86 has no input queue)") {
  Robot r;
  const auto& nav = r.region("nav:nav.index");
  const float x = (nav.min.x + nav.max.x) / 2, y = (nav.min.y + nav.max.y) / 2;
  r.finger(SDL_FINGERDOWN, x, y);
  r.finger(SDL_FINGERUP, x, y);  // both before the next frame
  r.advance(0.5);
  CHECK(r.state().screen == ui::Screen::index);
}

TEST_CASE("the pressed state is visible while the finger is down - and nothing stays hovered after") {
  Robot r;
  const auto& tile = r.region("tile:resources");
  const float x = (tile.min.x + tile.max.x) / 2, y = tile.max.y - 3;  // inside the card, clear of text
  r.finger(SDL_FINGERDOWN, x, y);
  r.frame();
  r.frame();
  const auto pressed = r.kiosk().pixel(static_cast<int>(x), static_cast<int>(y));
  const auto& palette = r.kiosk().ui().theme().palette;
  CHECK(pressed[0] == palette.surface_pressed.r);
  CHECK(pressed[2] == palette.surface_pressed.b);
  r.advance(0.1);
  r.finger(SDL_FINGERUP, x, y);
  r.advance(0.2);
  CHECK(r.state().screen == ui::Screen::resources);
  CHECK(ImGui::GetCurrentContext()->HoveredId == 0);  // no "stuck hover" after the finger lifted
}

TEST_CASE("tapping an event opens it - back returns to the list") {
  Robot r;
  r.tap("nav:nav.events");
  const auto* row = r.first_region("event:");
  REQUIRE(row != nullptr);
  const std::string id = row->name.substr(6);
  r.tap(row->name);
  CHECK(r.state().screen == ui::Screen::event_detail);
  CHECK(r.state().event_id == id);
  r.tap("back");
  CHECK(r.state().screen == ui::Screen::events);
}

TEST_CASE("a drag scrolls the list and does not open what it started on") {
  Robot r;
  r.tap("nav:nav.events");
  const auto* row = r.first_region("event:");
  REQUIRE(row != nullptr);
  const float x = (row->min.x + row->max.x) / 2;
  r.drag(x, 420, x, 200, 0.4);
  r.advance(2.0);
  CHECK(r.state().screen == ui::Screen::events);  // the drag started on an event row: not opened
  CHECK(scroll_of("##events") > 150);
}

TEST_CASE("a fling keeps scrolling after the finger lifts - slows down and stops") {
  Robot r;
  r.tap("nav:nav.events");
  r.drag(400, 440, 400, 240, 0.08);  // fast: 2,500 px/s
  const float at_release = scroll_of("##events");
  r.advance(0.2);
  const float later = scroll_of("##events");
  CHECK(later > at_release + 50);  // inertia carried it on
  r.advance(3.0);
  CHECK_FALSE(r.kiosk().ui().animating(r.mono()));  // and it came to rest: the loop may sleep
  const float rest = scroll_of("##events");
  r.advance(1.0);
  CHECK(scroll_of("##events") == rest);
}

TEST_CASE("a horizontal drag on the chips row scrolls it sideways") {
  Robot r;
  r.tap("nav:nav.resources");
  const auto& chip = r.region("chip:" + test::i18n().tr("resource_category.legal", content::Lang::zh));
  (void)chip;
  r.drag(700, 75, 200, 75, 0.3);
  r.advance(1.5);
  float scroll_x = -1;
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    if (std::string(w->Name).find("##resource-chips") != std::string::npos) scroll_x = w->Scroll.x;
  }
  CHECK(scroll_x > 100);
  CHECK(r.state().resource_category == std::nullopt);  // no chip was selected by the drag
}

TEST_CASE("typing on the on-screen keyboard filters the directory") {
  Robot r;
  r.tap("nav:nav.resources");
  r.tap("search-field");
  CHECK(r.state().keyboard_open);
  REQUIRE(r.has_region("keyboard"));
  const auto key = [&](const std::string& label) { press_key(r, label); };
  key("h");
  key("p");
  key("c");
  CHECK(r.state().search == "hpc");
  int cards = 0;
  for (const auto& region : r.kiosk().audit().regions) cards += region.name.rfind("resource:", 0) == 0;
  CHECK(cards >= 1);
  CHECK(cards < 10);
  key(test::i18n().tr("keyboard.backspace", content::Lang::zh));
  CHECK(r.state().search == "hp");
}

TEST_CASE("after the idle timeout the kiosk returns to attract mode and forgets the visitor") {
  ui::KioskUiConfig config;
  config.idle_timeout_s = 90;
  Robot r(800, 480, config);
  r.tap("language");
  CHECK(r.state().lang == content::Lang::en);
  r.tap("nav:nav.events");
  r.state().event_category = content::EventCategory::forum;
  r.advance(60);
  CHECK(r.state().screen == ui::Screen::events);  // still within the timeout
  r.advance(31);
  CHECK(r.state().screen == ui::Screen::attract);
  CHECK(r.state().lang == content::Lang::zh);
  CHECK_FALSE(r.state().event_category);
  // The carousel moves on by itself.
  const int slide = r.state().attract_slide;
  r.advance(config.attract_slide_s + 0.5);
  CHECK(r.state().attract_slide == slide + 1);
  // The first touch wakes the kiosk and does nothing else.
  r.tap(400, 240);
  CHECK(r.state().screen == ui::Screen::home);
}

TEST_CASE("staff overlay: hidden 3-second press - PIN - rate limit") {
  Robot r(800, 480, {}, platform::hash_pin("2468", 1000));
  // A short press on the corner does nothing.
  r.finger(SDL_FINGERDOWN, 10, 10);
  r.advance(1.0);
  r.finger(SDL_FINGERUP, 10, 10);
  r.advance(0.2);
  CHECK_FALSE(r.state().staff.pin_pad);
  // Three seconds does.
  r.finger(SDL_FINGERDOWN, 10, 10);
  r.advance(3.2);
  r.finger(SDL_FINGERUP, 10, 10);
  r.advance(0.2);
  REQUIRE(r.state().staff.pin_pad);
  const auto enter = [&](const std::string& pin) {
    for (char c : pin) r.kiosk().ui().apply({ui::Action::Kind::staff_digit, {}, c - '0'}, r.mono());
    r.kiosk().ui().apply({ui::Action::Kind::staff_submit, {}, 0}, r.mono());
  };
  enter("1111");
  enter("2222");
  enter("3333");
  CHECK_FALSE(r.state().staff.unlocked);
  CHECK(r.state().staff.locked_until > r.mono());
  enter("2468");  // right, but locked: refused
  CHECK_FALSE(r.state().staff.unlocked);
  r.advance(31);
  enter("2468");
  CHECK(r.state().staff.unlocked);
  r.frame();
  CHECK(r.has_region("staff-facts"));
}

TEST_CASE("without a configured PIN nobody can unlock the staff overlay") {
  Robot r;  // no hash
  r.state().staff.pin_pad = true;
  for (char c : std::string("0000"))
    r.kiosk().ui().apply({ui::Action::Kind::staff_digit, {}, c - '0'}, r.mono());
  r.kiosk().ui().apply({ui::Action::Kind::staff_submit, {}, 0}, r.mono());
  CHECK_FALSE(r.state().staff.unlocked);
}

TEST_CASE("the demo PIN printed by the run command opens the demo's staff overlay") {
  const std::string demo_hash = app::kDemoPinHash;
  CHECK(platform::verify_pin(demo_hash, "2468"));
  CHECK_FALSE(platform::verify_pin(demo_hash, "2469"));
  CHECK_FALSE(platform::verify_pin("sha1$nope", "2468"));
  CHECK_FALSE(platform::verify_pin("", ""));
}

TEST_CASE("a tap on a notice banner opens the whole notice - back returns home") {
  Robot r;
  const auto* banner = r.first_region("notice:");
  REQUIRE(banner != nullptr);
  const std::string id = banner->name.substr(std::string("notice:").size());
  r.tap(banner->name);
  CHECK(r.state().screen == ui::Screen::notice_detail);
  CHECK(r.state().notice_id == id);
  REQUIRE(r.has_region("notice-detail"));
  r.tap((r.region("notice-detail").min.x + 10), r.region("notice-detail").min.y - 20);  // the back button
  CHECK(r.state().screen == ui::Screen::home);
}

TEST_CASE("tapping a desk opens its detail with its status and price - back returns to the desks") {
  Robot r;
  r.tap("nav:nav.desks");
  const auto* tile = r.first_region("desk:");
  REQUIRE(tile != nullptr);
  // "desk:<id>:<status>"
  const std::string rest = tile->name.substr(5);
  const std::string id = rest.substr(0, rest.rfind(':'));
  const std::string status = rest.substr(rest.rfind(':') + 1);
  r.tap(tile->name);
  CHECK(r.state().screen == ui::Screen::desk_detail);
  CHECK(r.state().desk_id == id);
  CHECK(r.has_region("desk-detail:" + id));
  CHECK(r.has_region("desk-status:" + status));  // the same status the tile showed
  r.tap("back");
  CHECK(r.state().screen == ui::Screen::desks);
}

TEST_CASE("from an event the space row opens the space's page - back returns to the event") {
  Robot r;
  r.tap("nav:nav.events");
  const auto* row = r.first_region("event:");
  REQUIRE(row != nullptr);
  const std::string event_id = row->name.substr(6);
  r.tap(row->name);
  REQUIRE(r.state().screen == ui::Screen::event_detail);
  const auto* link = r.first_region("space-link:");
  REQUIRE(link != nullptr);
  const std::string space_id = link->name.substr(std::string("space-link:").size());
  r.tap(link->name);
  CHECK(r.state().screen == ui::Screen::space_detail);
  CHECK(r.has_region("space-detail:" + space_id));
  r.tap("back");
  CHECK(r.state().screen == ui::Screen::event_detail);
  CHECK(r.state().event_id == event_id);
  r.tap("back");
  CHECK(r.state().screen == ui::Screen::events);
}

TEST_CASE("back retraces every step to where the visitor began - the navigation starts afresh") {
  Robot r(1080, 1920);  // portrait: the home screen lists what is coming up
  const auto* next = r.first_region("coming-up:");
  REQUIRE(next != nullptr);
  r.tap(next->name);
  REQUIRE(r.state().screen == ui::Screen::event_detail);
  r.tap(r.first_region("space-link:")->name);
  REQUIRE(r.state().screen == ui::Screen::space_detail);
  r.tap("back");
  CHECK(r.state().screen == ui::Screen::event_detail);
  r.tap("back");
  CHECK(r.state().screen == ui::Screen::home);  // opened from home: back to home, not the events list
  // A section chosen in the navigation forgets the way there.
  r.tap(r.first_region("coming-up:")->name);
  r.tap("nav:nav.desks");
  r.tap(r.first_region("desk:")->name);
  REQUIRE(r.state().screen == ui::Screen::desk_detail);
  r.tap("back");
  CHECK(r.state().screen == ui::Screen::desks);
  CHECK(r.state().history.empty());  // nothing left to retrace: the event is forgotten
}

TEST_CASE("typing pinyin offers the directory's Chinese words - a tap on one puts it in the search") {
  Robot r;
  r.tap("nav:nav.resources");
  r.tap("search-field");
  REQUIRE(r.state().keyboard_open);
  const auto key = [&](const std::string& label) { press_key(r, label); };
  for (const char* k : {"d", "a", "y", "i", "n"}) key(k);
  CHECK(r.state().search == "dayin");
  REQUIRE(r.has_region("candidates"));
  REQUIRE(r.has_region("chip:打印"));
  r.tap("chip:打印");
  CHECK(r.state().search == "打印");
  CHECK_FALSE(r.has_region("candidates"));  // Chinese typed: nothing more to offer
}

TEST_CASE("a list or chip row with more beyond an edge shows it there - and stops when the end is reached") {
  Robot r;  // 800x480: the resource chips and the list both run past the screen
  r.tap("nav:nav.resources");
  r.frame();
  CHECK(r.has_region("more:##resource-chips:end"));
  CHECK_FALSE(r.has_region("more:##resource-chips:start"));
  CHECK(r.has_region("more:##resources:end"));
  CHECK_FALSE(r.has_region("more:##resources:start"));
  // The fade ends in the background colour at the very edge, over the chip that runs under it.
  const auto edge = r.region("more:##resource-chips:end");
  const auto px = r.kiosk().pixel(static_cast<int>(edge.max.x) - 1, static_cast<int>(edge.min.y) + 2);
  const auto bg = r.kiosk().ui().theme().palette.background;
  CHECK(std::abs(px[0] - bg.r) + std::abs(px[1] - bg.g) + std::abs(px[2] - bg.b) <= 6);

  // Swiped to the end of the chips: more to the left now, none to the right.
  const auto chips = r.region("more:##resource-chips:end");
  const float y = (chips.min.y + chips.max.y) / 2;
  for (int i = 0; i < 4; ++i) r.drag(700, y, 150, y, 0.3);
  r.advance(3.0);
  CHECK(r.has_region("more:##resource-chips:start"));
  CHECK_FALSE(r.has_region("more:##resource-chips:end"));
  // Scrolled down the list a little: more above and below.
  r.drag(400, 440, 400, 300, 0.4);
  r.advance(2.0);
  CHECK(r.has_region("more:##resources:start"));
  CHECK(r.has_region("more:##resources:end"));
}

TEST_CASE("a chip row that fits shows no fade and no arrow") {
  Robot r(1920, 1080);
  r.tap("nav:nav.events");
  r.frame();
  REQUIRE(r.first_region("chip:") != nullptr);
  CHECK(r.first_region("more:##event-chips") == nullptr);
}

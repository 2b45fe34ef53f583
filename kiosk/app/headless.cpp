#include "kiosk/app/headless.hpp"

#include "kiosk/app/staff_facts.hpp"
#include "kiosk/ui/attract_slides.hpp"
#include "platform/clock.hpp"
#include "platform/device_facts.hpp"

namespace kiosk::app {

HeadlessKiosk::HeadlessKiosk(int width, int height, const ui::I18n& i18n, const ui::FontFile& font,
                             std::shared_ptr<const content::ContentSnapshot> snapshot,
                             ui::KioskUiConfig config, std::string staff_pin_hash, float px_per_mm)
    : surface_(std::make_unique<SurfacePresenter>(width, height)) {
  UiHostOptions options;
  options.metrics = ui::compute_metrics(static_cast<float>(width), static_cast<float>(height), px_per_mm);
  options.ui = std::move(config);
  options.staff_pin_hash = std::move(staff_pin_hash);
  options.synchronous = true;
  host_ = std::make_unique<UiHost>(surface_->renderer(), i18n, font, options);
  host_->offer_snapshot(std::move(snapshot));
}

ui::FrameOutput HeadlessKiosk::step(content::UnixSeconds now, double mono, std::optional<SDL_Rect> only) {
  host_->poll();
  ui::FrameOutput out = host_->frame(now, mono, sync_, &audit_);
  surface_->begin(only);
  host_->render(only);
  return out;
}

std::array<unsigned char, 4> HeadlessKiosk::pixel(int x, int y) const {
  const SDL_Surface* s = surface_->surface();
  const auto* p = static_cast<const unsigned char*>(s->pixels) + y * s->pitch + x * 4;
  return {p[0], p[1], p[2], p[3]};
}

const std::vector<std::string>& screenshot_screens() {
  static const std::vector<std::string> names = {"home",
                                                 "events",
                                                 "event-detail",
                                                 "event-running",
                                                 "event-full",
                                                 "event-cancelled",
                                                 "desks",
                                                 "desk-detail",
                                                 "space-detail",
                                                 "resources",
                                                 "resources-keyboard",
                                                 "resource-detail",
                                                 "notice-detail",
                                                 "index",
                                                 "staff",
                                                 "staff-pair",
                                                 "attract",
                                                 "attract-event",
                                                 "attract-desks",
                                                 "attract-resource"};
  return names;
}

bool show_screen(ui::KioskUi& ui, const content::ContentSnapshot& snap, const std::string& screen,
                 content::UnixSeconds& now) {
  using ui::Action;
  using K = Action::Kind;
  ui.state() = ui::UiState{};
  const double mono = 0;
  if (screen == "home") return true;
  if (screen == "events") {
    ui.apply({K::navigate, {}, static_cast<int>(ui::Screen::events)}, mono);
    return true;
  }
  if (screen == "event-detail") {
    const auto upcoming = snap.upcoming_events(now);
    const content::Event* pick = upcoming.empty() ? nullptr : upcoming.front();
    for (const content::Event* e : upcoming) {  // one a visitor can still sign up for
      if (!e->poster.empty() && content::event_has_places(*e)) {
        pick = e;
        break;
      }
    }
    ui.apply({K::navigate, {}, static_cast<int>(ui::Screen::events)}, mono);
    if (pick != nullptr) ui.apply({K::open_event, pick->id, 0}, mono);
    return true;
  }
  if (screen == "event-running" || screen == "event-full" || screen == "event-cancelled") {
    // The first upcoming event in that state; "running" moves the moment ten minutes into it.
    const auto wanted = [&](const content::Event& e) {
      // Full or cancelled: one not on now, whose badge then says so (an event on now says that).
      if (screen != "event-running" && content::event_phase(e, now) == content::EventPhase::running)
        return false;
      if (screen == "event-cancelled") return e.status == content::EventStatus::cancelled;
      if (screen == "event-full")
        return e.status != content::EventStatus::cancelled && !content::event_has_places(e);
      return content::event_has_places(e) && e.status == content::EventStatus::scheduled;
    };
    const content::Event* pick = nullptr;
    for (const content::Event* e : snap.upcoming_events(now)) {
      if (wanted(*e)) {
        pick = e;
        break;
      }
    }
    ui.apply({K::navigate, {}, static_cast<int>(ui::Screen::events)}, mono);
    if (pick == nullptr) return true;
    if (screen == "event-running" && pick->start > now) now = pick->start + 10 * 60;
    ui.apply({K::open_event, pick->id, 0}, mono);
    return true;
  }
  if (screen == "desk-detail") {  // a taken desk with a price: status, until, price, booking
    const content::Desk* pick = nullptr;
    for (const auto& d : snap.content().desks) {
      if (pick == nullptr) pick = &d;
      const bool taken = d.status == content::DeskStatus::booked || d.status == content::DeskStatus::occupied;
      if (taken && d.until && *d.until > d.status_at && d.price_day > 0) {
        pick = &d;
        break;
      }
    }
    // Late in the day every demo status has gone stale (shown as unknown, rightly): the picture is
    // taken a minute after the desk's status was reported, whenever the gallery runs.
    if (pick != nullptr && content::ContentSnapshot::effective_status(*pick, now) != pick->status)
      now = pick->status_at + 60;
    ui.apply({K::navigate, {}, static_cast<int>(ui::Screen::desks)}, mono);
    if (pick != nullptr) ui.apply({K::open_desk, pick->id, 0}, mono);
    return true;
  }
  if (screen == "space-detail") {  // another space than this kiosk's, opened from one of its events
    const content::Space* here = snap.home_space(ui.config().kiosk_id);
    const content::Event* pick = nullptr;
    for (const content::Event* e : snap.upcoming_events(now)) {
      if (here == nullptr || e->space_id != here->id) {
        pick = e;
        break;
      }
    }
    ui.apply({K::navigate, {}, static_cast<int>(ui::Screen::events)}, mono);
    if (pick == nullptr) return true;
    ui.apply({K::open_event, pick->id, 0}, mono);
    ui.apply({K::open_space, pick->space_id, 0}, mono);
    return true;
  }
  if (screen == "desks") {
    ui.apply({K::navigate, {}, static_cast<int>(ui::Screen::desks)}, mono);
    return true;
  }
  if (screen == "resources" || screen == "resources-keyboard") {
    ui.apply({K::navigate, {}, static_cast<int>(ui::Screen::resources)}, mono);
    if (screen == "resources-keyboard") {  // a visitor typing a search, half done
      ui.apply({K::keyboard_open, {}, 0}, mono);
      for (const char* c : {"d", "a", "y", "i", "n"}) ui.apply({K::key, c, 0}, mono);  // pinyin of 打印
    }
    return true;
  }
  if (screen == "resource-detail") {
    const auto& all = snap.content().resources;
    const content::Resource* pick = all.empty() ? nullptr : &all.front();
    for (const auto& r : all) {
      if (!r.image.empty()) {
        pick = &r;
        break;
      }
    }
    ui.apply({K::navigate, {}, static_cast<int>(ui::Screen::resources)}, mono);
    if (pick != nullptr) ui.apply({K::open_resource, pick->id, 0}, mono);
    return true;
  }
  if (screen == "notice-detail") {  // the first routine notice, opened from its banner on home
    for (const content::Notice* n : snap.active_notices(now, "")) {
      if (n->priority == content::NoticePriority::routine) {
        ui.apply({K::open_notice, n->id, 0}, mono);
        break;
      }
    }
    return true;
  }
  if (screen == "index") {
    ui.apply({K::navigate, {}, static_cast<int>(ui::Screen::index)}, mono);
    return true;
  }
  if (screen == "staff" || screen == "staff-pair") {
    ui.state().staff.unlocked = true;  // the screenshot shows what staff see after the PIN
    if (screen == "staff-pair") {      // typing a console pairing code, half done
      ui.apply({K::staff_pair_open, {}, 0}, mono);
      for (const char* c : {"F", "F", "Y", "T", "E"}) ui.apply({K::staff_pair_key, c, 0}, mono);
    }
    // This machine's own facts, as the overlay on it would show them.
    StaffFactsInput in;
    in.kiosk_id = "lobby-1";
    in.display = "off-screen software surface";
    in.screen = DisplayControl::State{};
    in.build = "screenshot";
    in.clock = platform::read_clock(0);
    in.device = platform::read_device_facts("/", std::filesystem::temp_directory_path());
    fleet::AgentStatus console;  // a kiosk paired with a console, as most are
    console.state = "ok";
    console.kiosk_id = "lobby-1";
    console.last_beat = in.clock.wall;
    in.console = console;
    ui.set_staff_facts(make_staff_facts(in));
    return true;
  }
  if (screen.rfind("attract", 0) == 0) {
    // "attract" is the welcome; "attract-event" etc. the first slide of that kind.
    using Kind = ui::AttractSlide::Kind;
    const Kind want = screen == "attract-event"      ? Kind::event
                      : screen == "attract-desks"    ? Kind::desks
                      : screen == "attract-resource" ? Kind::resource
                                                     : Kind::welcome;
    const auto slides = ui::attract_slides(snap, now, ui.config().kiosk_id);
    for (std::size_t i = 0; i < slides.size(); ++i) {
      if (slides[i].kind == want) {
        ui.show_attract_slide(static_cast<int>(i));
        return true;
      }
    }
    return false;
  }
  return false;
}

}  // namespace kiosk::app

#include "kiosk/ui/glyph_set.hpp"

#include <algorithm>

#include "sync/content/utf8.hpp"

namespace kiosk::ui {

void GlyphSet::add_text(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    const char32_t cp = content::utf8::next(s, pos);
    if (cp == content::utf8::kInvalid || cp < 0x20 || cp > 0xFFFF || present_[cp]) continue;
    present_.set(cp);
    dirty_ = true;
  }
}

void GlyphSet::add_range(char32_t first, char32_t last) {
  for (char32_t cp = first; cp <= last && cp <= 0xFFFF; ++cp) present_.set(cp);
  dirty_ = true;
}

void GlyphSet::add_content(const content::Content& c) {
  const auto text = [this](const content::LocalText& t) {
    add_text(t.zh);
    add_text(t.en);
  };
  text(c.meta.title);
  for (const auto& s : c.spaces) text(s.name), text(s.address), text(s.hours), text(s.description);
  for (const auto& e : c.events) {
    text(e.title), text(e.summary), text(e.body), text(e.venue), text(e.organiser), text(e.status_note);
  }
  for (const auto& d : c.desks) text(d.zone), add_text(d.label);
  for (const auto& r : c.resources) {
    text(r.name), text(r.summary), text(r.provider), text(r.location), text(r.hours), text(r.contact),
        text(r.booking);
  }
  for (const auto& x : c.indicators) {
    text(x.name), text(x.unit), text(x.source), text(x.note);
    for (const auto& p : x.series) add_text(p.period);
  }
  for (const auto& n : c.notices) text(n.title), text(n.body);
}

void GlyphSet::add_headlines(const content::Content& c) {
  const auto text = [this](const content::LocalText& t) {
    add_text(t.zh);
    add_text(t.en);
  };
  text(c.meta.title);
  for (const auto& s : c.spaces) text(s.name);
  for (const auto& e : c.events) text(e.title);
  for (const auto& r : c.resources) text(r.name);
  for (const auto& n : c.notices) text(n.title);
}

const std::vector<char32_t>& GlyphSet::sorted() const {
  if (dirty_) {
    sorted_.clear();
    for (char32_t cp = 0; cp < present_.size(); ++cp) {
      if (present_[cp]) sorted_.push_back(cp);
    }
    dirty_ = false;
  }
  return sorted_;
}

bool GlyphSet::contains(char32_t cp) const {
  return cp < present_.size() && present_[cp];
}

bool GlyphSet::contains_all(const GlyphSet& other) const {
  return (other.present_ & ~present_).none();
}

std::vector<ImWchar> GlyphSet::ranges() const {
  std::vector<ImWchar> out;
  const auto& p = sorted();
  for (std::size_t i = 0; i < p.size();) {
    std::size_t j = i;
    while (j + 1 < p.size() && p[j + 1] == p[j] + 1) ++j;
    out.push_back(static_cast<ImWchar>(p[i]));
    out.push_back(static_cast<ImWchar>(p[j]));
    i = j + 1;
  }
  out.push_back(0);
  return out;
}

}  // namespace kiosk::ui

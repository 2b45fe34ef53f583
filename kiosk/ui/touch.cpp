#include "kiosk/ui/touch.hpp"

#include <algorithm>
#include <cmath>

#include "kiosk/ui/imgui_compat.hpp"

namespace kiosk::ui {

void TouchInput::push(const PointerEvent& e) {
  queue_.push_back(e);
  last_input_ = e.time;
}

bool TouchInput::idle() const {
  return queue_.empty() && !finger_ && inertia_.empty() && !release_pending_;
}

std::optional<TouchInput::Press> TouchInput::press() const {
  if (!finger_ || swallowed_) return std::nullopt;
  return Press{origin_, down_time_, dragging_};
}

void TouchInput::swallow_gesture() {
  swallowed_ = true;
  dragging_ = false;
  down_ = false;
  pos_ = compat::no_pointer();
}

void TouchInput::record_sample(ImVec2 pos, double t) {
  samples_.emplace_back(t, pos);
  while (samples_.size() > 2 && t - samples_.front().first > 0.12) samples_.erase(samples_.begin());
}

float TouchInput::release_velocity(ScrollAxis axis) const {
  if (samples_.size() < 2) return 0;
  const auto& [t0, p0] = samples_.front();
  const auto& [t1, p1] = samples_.back();
  const double dt = t1 - t0;
  if (dt < 0.005) return 0;
  const float d = axis == ScrollAxis::vertical ? p1.y - p0.y : p1.x - p0.x;
  return static_cast<float>(-d / dt);  // finger moves down -> content offset decreases
}

const TouchInput::Region* TouchInput::region_at(ImVec2 p, std::optional<ScrollAxis> axis) const {
  // Regions are recorded outer first; the last containing one is the innermost.
  const Region* found = nullptr;
  for (const auto& r : regions_) {
    if (p.x >= r.min.x && p.x < r.max.x && p.y >= r.min.y && p.y < r.max.y && (!axis || r.axis == *axis))
      found = &r;
  }
  return found;
}

void TouchInput::start_drag_if_needed() {
  if (dragging_ || swallowed_ || !finger_) return;
  const float dx = finger_pos_.x - origin_.x, dy = finger_pos_.y - origin_.y;
  if (dx * dx + dy * dy < tap_slop_ * tap_slop_) return;
  dragging_ = true;
  drag_axis_ = std::fabs(dy) >= std::fabs(dx) ? ScrollAxis::vertical : ScrollAxis::horizontal;
  const Region* r = region_at(origin_, drag_axis_);
  if (r == nullptr) r = region_at(origin_, std::nullopt);  // a diagonal start still scrolls something
  drag_region_ = r ? r->id : 0;
  if (r) drag_axis_ = r->axis;
  applied_ = origin_;
  inertia_.erase(drag_region_);
  // Cancel the press: the button under the finger must not fire when the finger lifts.
  pos_ = compat::no_pointer();
}

void TouchInput::begin_frame(ImGuiIO& io, double now) {
  now_ = now;
  if (release_pending_) {
    pos_ = compat::no_pointer();
    release_pending_ = false;
  }
  // Feed queued events up to the next press transition; a transition ends this frame's share.
  while (!queue_.empty()) {
    const PointerEvent e = queue_.front();
    if (e.type == PointerEvent::Type::wheel) {
      wheel_ += e.wheel;
      wheel_pos_ = e.pos;
      queue_.pop_front();
      continue;
    }
    if (e.type == PointerEvent::Type::move) {
      if (finger_) {
        finger_pos_ = e.pos;
        record_sample(e.pos, e.time);
        start_drag_if_needed();
        if (!dragging_ && !swallowed_) pos_ = e.pos;
      }
      queue_.pop_front();
      continue;
    }
    if (e.type == PointerEvent::Type::down) {
      if (down_ || finger_) break;  // the previous press has not been shown released yet
      finger_ = true;
      swallowed_ = false;
      dragging_ = false;
      drag_region_ = 0;
      origin_ = finger_pos_ = e.pos;
      down_time_ = e.time;
      samples_.clear();
      record_sample(e.pos, e.time);
      inertia_.clear();  // touching a moving list stops it, like every phone
      down_ = true;
      pos_ = e.pos;
      queue_.pop_front();
      break;
    }
    // up: keep the press visible for a moment, then release in its own frame
    if (down_ && !dragging_ && !swallowed_ && now - down_time_ < kMinPressSeconds) break;
    if (finger_) {
      finger_pos_ = e.pos;
      record_sample(e.pos, e.time);
      if (dragging_ && drag_region_ != 0) {
        const float v = release_velocity(drag_axis_);
        if (std::fabs(v) > kStopVelocity) inertia_[drag_region_] = Inertia{drag_axis_, v, now};
      }
    }
    if (!dragging_ && !swallowed_) pos_ = e.pos;  // release where the finger was: a tap
    finger_ = false;
    down_ = false;
    dragging_ = false;
    swallowed_ = false;
    release_pending_ = true;
    queue_.pop_front();
    break;
  }
  compat::set_mouse(io, pos_, down_);
  if (wheel_ != 0) {
    // Desktop convenience: the wheel scrolls the region under the cursor through the same path.
    if (const Region* r = region_at(wheel_pos_, std::nullopt)) {
      auto& in = inertia_[r->id];
      in.axis = r->axis;
      in.velocity -= wheel_ * 900.0f;
      in.last = now;
    }
    wheel_ = 0;
  }
  regions_next_.clear();
}

void TouchInput::scroll_region(ScrollAxis axis) {
  const ImGuiID id = ImGui::GetID("##kinetic");
  const ImVec2 min = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  regions_next_.push_back(Region{id, min, ImVec2(min.x + size.x, min.y + size.y), axis});

  const bool vertical = axis == ScrollAxis::vertical;
  const float scroll = vertical ? ImGui::GetScrollY() : ImGui::GetScrollX();
  const float max = vertical ? ImGui::GetScrollMaxY() : ImGui::GetScrollMaxX();
  float target = scroll;
  if (dragging_ && drag_region_ == id) {
    const float delta = vertical ? finger_pos_.y - applied_.y : finger_pos_.x - applied_.x;
    target -= delta;
    applied_ = finger_pos_;
  }
  if (auto it = inertia_.find(id); it != inertia_.end()) {
    auto& in = it->second;
    const double dt = std::max(0.0, now_ - in.last);
    in.last = now_;
    // Exponential decay: the distance covered over dt is v * tau * (1 - e^(-dt/tau)).
    const double decay = std::exp(-dt / kInertiaTimeConstant);
    target += static_cast<float>(in.velocity * kInertiaTimeConstant * (1.0 - decay));
    in.velocity = static_cast<float>(in.velocity * decay);
    if (std::fabs(in.velocity) < kStopVelocity || target <= 0 || target >= max) inertia_.erase(it);
  }
  target = std::clamp(target, 0.0f, std::max(0.0f, max));
  if (target != scroll) {
    if (vertical)
      ImGui::SetScrollY(target);
    else
      ImGui::SetScrollX(target);
  }
}

void TouchInput::end_frame() {
  regions_.swap(regions_next_);
  // Inertia of a region that disappeared (screen changed) must not keep the loop awake.
  for (auto it = inertia_.begin(); it != inertia_.end();) {
    const bool alive =
        std::any_of(regions_.begin(), regions_.end(), [&](const Region& r) { return r.id == it->first; });
    it = alive ? std::next(it) : inertia_.erase(it);
  }
}

bool TouchInput::animating(double now) const {
  (void)now;
  return !queue_.empty() || release_pending_ || !inertia_.empty() || dragging_;
}

std::optional<double> TouchInput::next_deadline() const {
  if (!queue_.empty() && down_) return down_time_ + kMinPressSeconds;
  return std::nullopt;
}

}  // namespace kiosk::ui

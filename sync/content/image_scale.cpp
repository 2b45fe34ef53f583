#include "sync/content/image_scale.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace kiosk::content {

void fit_within(int w, int h, int max_w, int max_h, int* out_w, int* out_h) {
  const double scale = std::min({1.0, static_cast<double>(max_w) / w, static_cast<double>(max_h) / h});
  *out_w = std::clamp(static_cast<int>(std::lround(w * scale)), 1, w);
  *out_h = std::clamp(static_cast<int>(std::lround(h * scale)), 1, h);
}

RowScaler::RowScaler(int src_w, int src_h, int out_w, int out_h)
    : src_w_(src_w),
      src_h_(src_h),
      out_w_(out_w),
      out_h_(out_h),
      step_y_(static_cast<double>(src_h) / out_h) {
  if (src_w <= 0 || src_h <= 0 || out_w <= 0 || out_h <= 0 || out_w > src_w || out_h > src_h)
    throw std::invalid_argument("RowScaler only shrinks");
  // Output column x covers source columns [x * step, (x + 1) * step), partly at both ends.
  const double step_x = static_cast<double>(src_w) / out_w;
  taps_.resize(static_cast<std::size_t>(out_w));
  for (int x = 0; x < out_w; ++x) {
    const double from = x * step_x, to = std::min<double>(src_w, (x + 1) * step_x);
    Tap& t = taps_[static_cast<std::size_t>(x)];
    t.first = static_cast<int>(from);
    for (int c = t.first; c < to; ++c) {
      const double covered = std::min<double>(c + 1, to) - std::max<double>(c, from);
      t.weights.push_back(static_cast<float>(covered / step_x));
    }
  }
  row_.assign(static_cast<std::size_t>(out_w) * 4, 0.0f);
  acc_.assign(row_.size(), 0.0f);
  out_.resize(static_cast<std::size_t>(out_w) * out_h * 4);
}

void RowScaler::push(const std::uint8_t* rgba) {
  if (done()) return;
  for (int x = 0; x < out_w_; ++x) {
    const Tap& t = taps_[static_cast<std::size_t>(x)];
    float r = 0, g = 0, b = 0, a = 0;
    const std::uint8_t* p = rgba + static_cast<std::size_t>(t.first) * 4;
    for (const float w : t.weights) {
      const float wa = w * p[3];
      r += wa * p[0], g += wa * p[1], b += wa * p[2], a += wa;
      p += 4;
    }
    float* o = &row_[static_cast<std::size_t>(x) * 4];
    o[0] = r, o[1] = g, o[2] = b, o[3] = a;
  }
  // Source row y covers [y, y + 1) of the output rows' spans [r * step, (r + 1) * step).
  const double top = rows_in_, bottom = rows_in_ + 1.0;
  ++rows_in_;
  double at = top;
  while (at < bottom && rows_out_ < out_h_) {
    const double row_end = (rows_out_ + 1) * step_y_;
    const double until = std::min(bottom, row_end);
    const auto share = static_cast<float>((until - at) / step_y_);
    for (std::size_t i = 0; i < acc_.size(); ++i) acc_[i] += row_[i] * share;
    at = until;
    if (until >= row_end - 1e-6) emit_row();
  }
  // The last source row closes the last output row, whatever rounding left over.
  if (rows_in_ == src_h_ && rows_out_ < out_h_) emit_row();
}

void RowScaler::emit_row() {
  std::uint8_t* out = &out_[static_cast<std::size_t>(rows_out_) * out_w_ * 4];
  for (std::size_t i = 0; i < acc_.size(); i += 4) {
    const float a = acc_[i + 3];  // the mean alpha; the colour channels were multiplied by each alpha
    for (std::size_t c = 0; c < 3; ++c) {
      out[i + c] = a > 0 ? static_cast<std::uint8_t>(std::clamp(acc_[i + c] / a + 0.5f, 0.0f, 255.0f)) : 0;
    }
    out[i + 3] = static_cast<std::uint8_t>(std::clamp(a + 0.5f, 0.0f, 255.0f));
  }
  std::fill(acc_.begin(), acc_.end(), 0.0f);
  ++rows_out_;
}

}  // namespace kiosk::content

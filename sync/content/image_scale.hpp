#pragma once
// Shrinks an RGBA image fed one row at a time, so a decoder never holds the whole source: each
// output pixel is the area-weighted mean of the source pixels it covers (premultiplied by alpha, so
// transparent pixels lend no colour to their neighbours). Memory is two output rows of floats.
#include <cstdint>
#include <vector>

namespace kiosk::content {

class RowScaler {
 public:
  // Source src_w x src_h into out_w x out_h (each no larger than the source's).
  RowScaler(int src_w, int src_h, int out_w, int out_h);
  // The next source row, src_w RGBA pixels, top to bottom.
  void push(const std::uint8_t* rgba_row);
  bool done() const { return rows_in_ == src_h_; }
  // out_w x out_h RGBA, complete once every source row was pushed.
  std::vector<std::uint8_t>& pixels() { return out_; }

 private:
  struct Tap {
    int first = 0;               // first source column
    std::vector<float> weights;  // for columns first, first + 1, ...
  };
  void emit_row();

  int src_w_, src_h_, out_w_, out_h_;
  double step_y_;  // source rows per output row
  std::vector<Tap> taps_;
  std::vector<float> row_;  // the current source row, scaled horizontally (premultiplied)
  std::vector<float> acc_;  // the output row being accumulated
  std::vector<std::uint8_t> out_;
  int rows_in_ = 0, rows_out_ = 0;
};

// The largest size of the same aspect that fits max_w x max_h (never larger than the source).
void fit_within(int w, int h, int max_w, int max_h, int* out_w, int* out_h);

}  // namespace kiosk::content

#pragma once
// QR codes for registration and booking links, encoded by libqrencode (packaged in Debian) and drawn
// as rectangles, so they stay crisp at any size and need no texture.
#include <map>
#include <string>
#include <vector>

namespace kiosk::ui {

struct QrCode {
  int size = 0;            // modules per side, without the quiet zone
  std::vector<bool> dark;  // size * size, row-major
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// Medium error correction: survives a smudged or glare-washed screen. Empty (size 0) on failure.
QrCode encode_qr(const std::string& text);

// Encoding costs ~0.1 ms; a frame must not repeat it.
class QrCache {
 public:
  const QrCode& get(const std::string& text);

 private:
  std::map<std::string, QrCode> codes_;
};

}  // namespace kiosk::ui

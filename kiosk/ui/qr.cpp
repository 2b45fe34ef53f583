#include "kiosk/ui/qr.hpp"

#include <qrencode.h>

namespace kiosk::ui {

QrCode encode_qr(const std::string& text) {
  QrCode out;
  QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == nullptr) return out;
  out.size = code->width;
  out.dark.resize(static_cast<std::size_t>(code->width * code->width));
  for (int i = 0; i < code->width * code->width; ++i)
    out.dark[static_cast<std::size_t>(i)] = (code->data[i] & 1) != 0;
  QRcode_free(code);
  return out;
}

const QrCode& QrCache::get(const std::string& text) {
  auto it = codes_.find(text);
  if (it != codes_.end()) return it->second;
  if (codes_.size() > 64) codes_.clear();  // bounded: a kiosk shows a handful of links at a time
  return codes_.emplace(text, encode_qr(text)).first->second;
}

}  // namespace kiosk::ui

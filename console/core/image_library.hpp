#pragma once
// Images staff upload for posters and resource photos. Each is checked before anything is kept:
// a size cap on the bytes, a pixel cap read from the header *before* decoding, then a full decode
// (a PNG whose header lies about its size or whose data is cut fails here, not on a kiosk).
// Files live in the data directory under their SHA-256, so older publications keep theirs.
#include <string>
#include <vector>

#include "console/core/console_db.hpp"
#include "console/core/items.hpp"
#include "console/core/roles.hpp"
#include "sync/content/model.hpp"

namespace kiosk::console {

inline constexpr std::size_t kMaxUploadBytes = 8 * 1024 * 1024;  // = content::limits::kMaxSourceImageBytes

struct ImageUpload {
  bool ok = false;
  std::string error;  // in words, naming the file
  content::ImageRef image;
};

ImageUpload add_image(ConsoleDb& db, const Principal& who, const std::string& name, const std::string& bytes,
                      content::UnixSeconds now);
std::vector<content::ImageRef> list_images(ConsoleDb& db);
// Makes `images` the whole image list (import, restore), audited as `action`; call inside a
// transaction. The files must already be in the store.
void replace_image_list(store::Database& db, const std::vector<content::ImageRef>& images,
                        const Principal& who, content::UnixSeconds now, const std::string& action);

// A safe image name from an uploaded file name: letters, digits, '.', '_', '-'.
std::string sanitize_image_name(const std::string& file_name);

}  // namespace kiosk::console

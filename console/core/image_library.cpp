#include "console/core/image_library.hpp"

#include <algorithm>

#include "console/core/audit.hpp"
#include "platform/files.hpp"
#include "sync/content/image_decode.hpp"
#include "sync/content/image_probe.hpp"
#include "sync/content/sha256.hpp"

namespace kiosk::console {

std::string sanitize_image_name(const std::string& file_name) {
  std::string base = file_name.substr(file_name.find_last_of("/\\") + 1);
  std::string out;
  for (unsigned char ch : base) {
    out +=
        (std::isalnum(ch) || ch == '.' || ch == '_' || ch == '-') ? static_cast<char>(std::tolower(ch)) : '-';
  }
  while (!out.empty() && out.front() == '.') out.erase(0, 1);  // no hidden files, no ".."
  if (out.size() > 64) out = out.substr(out.size() - 64);
  return out;
}

ImageUpload add_image(ConsoleDb& db, const Principal& who, const std::string& name, const std::string& bytes,
                      content::UnixSeconds now) {
  ImageUpload up;
  const auto fail = [&](std::string why) {
    up.error = name + ": " + why;
    return up;
  };
  if (!who.at_least(Role::editor)) return fail("uploading needs role editor");
  if (name.empty() || name != sanitize_image_name(name))
    return fail("use a name of letters, digits, '.', '_' and '-'");
  if (bytes.size() > kMaxUploadBytes) {
    return fail("is " + std::to_string(bytes.size() / (1024 * 1024)) + " MB; images may have at most 8 MB");
  }
  // The decoder the publisher and every kiosk use: what fails here would fail there, in the same words.
  if (const std::string problem = content::image_problem(bytes); !problem.empty()) return fail(problem);
  const auto size = content::probe_image(bytes);
  up.image = content::ImageRef{name, content::sha256_hex(bytes), static_cast<std::int64_t>(bytes.size()),
                               size->width, size->height};
  platform::write_file_atomic(db.image_dir() / up.image.sha256, bytes);
  db.with([&](store::Database& sql) {
    store::Transaction tx(sql);
    std::string before;
    auto old = sql.prepare("SELECT sha256 FROM images WHERE name=?1");
    old.bind(1, name);
    if (old.step()) before = old.text(0);
    sql.prepare(
           "INSERT INTO images(name, sha256, bytes, width, height, uploaded_by, uploaded_at) "
           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(name) DO UPDATE SET sha256=excluded.sha256, "
           "bytes=excluded.bytes, width=excluded.width, height=excluded.height, "
           "uploaded_by=excluded.uploaded_by, uploaded_at=excluded.uploaded_at")
        .bind_all(name, up.image.sha256, up.image.bytes, up.image.width, up.image.height, who.name, now)
        .run();
    audit_append(sql, who, now, "image.upload", "images/" + name, before, up.image.sha256);
    tx.commit();
  });
  up.ok = true;
  return up;
}

void replace_image_list(store::Database& db, const std::vector<content::ImageRef>& images,
                        const Principal& who, content::UnixSeconds now, const std::string& action) {
  db.exec("DELETE FROM images");
  auto insert = db.prepare(
      "INSERT INTO images(name, sha256, bytes, width, height, uploaded_by, uploaded_at) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  for (const auto& image : images) {
    insert.bind_all(image.name, image.sha256, image.bytes, image.width, image.height, who.name, now).run();
    insert.reset();
  }
  audit_append(db, who, now, action, "images/", "", std::to_string(images.size()) + " images");
}

std::vector<content::ImageRef> list_images(ConsoleDb& db) {
  return db.with([](store::Database& sql) {
    std::vector<content::ImageRef> out;
    auto st = sql.prepare("SELECT name, sha256, bytes, width, height FROM images ORDER BY name");
    while (st.step()) out.push_back({st.text(0), st.text(1), st.int64(2), st.integer(3), st.integer(4)});
    return out;
  });
}

}  // namespace kiosk::console

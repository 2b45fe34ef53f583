#include "sync/store/known_good.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <set>
#include <system_error>

#include "platform/files.hpp"
#include "platform/log.hpp"
#include "sync/store/content_tables.hpp"

namespace kiosk::store {
namespace fs = std::filesystem;
namespace {

// SQLite's online backup of `from` into a new file at `to`.
void backup(Database& from, const fs::path& to) {
  fs::remove(to);
  Database dest = Database::open(to, true);
  sqlite3_backup* b = sqlite3_backup_init(dest.raw(), "main", from.raw(), "main");
  if (b == nullptr)
    throw SqliteError("cannot start copying the content database: " + std::string(sqlite3_errmsg(dest.raw())),
                      sqlite3_errcode(dest.raw()));
  const int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE)
    throw SqliteError("copying the content database failed: " + std::string(sqlite3_errstr(rc)), rc);
  // The copy is read as a plain file later (and copied again for safe mode): no -wal beside it.
  dest.exec("PRAGMA journal_mode=DELETE");
}

void fsync_file(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw platform::FileError("cannot open " + p.string() + ": " + platform::describe_errno(errno), errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0)
    throw platform::FileError("cannot sync " + p.string() + ": " + platform::describe_errno(err), err);
}

std::set<std::string> image_hashes(Database& db) {
  std::set<std::string> out;
  Statement s = db.prepare("SELECT sha256 FROM images");
  while (s.step()) out.insert(s.text(0));
  return out;
}

}  // namespace

KnownGoodPaths KnownGoodPaths::in(const fs::path& data_dir) {
  return KnownGoodPaths{data_dir / "known-good.db", data_dir / "known-good-blobs"};
}

void save_known_good(Store& store, const KnownGoodPaths& to) {
  const std::set<std::string> images = image_hashes(store.database());
  // Images first: once the new copy is in place, everything it names is already there.
  fs::create_directories(to.blobs);
  for (const auto& sha : images) {
    const fs::path target = to.blobs / sha;
    std::error_code ec;
    if (fs::exists(target, ec)) continue;
    fs::create_hard_link(store.blobs().path_of(sha), target, ec);
    if (ec) {  // a file system without hard links: copy whole or not at all (exists() above trusts it)
      const fs::path part = target.string() + ".part";
      ec.clear();
      fs::copy_file(store.blobs().path_of(sha), part, fs::copy_options::overwrite_existing, ec);
      if (!ec) {
        fsync_file(part);
        fs::rename(part, target, ec);
      }
    }
    if (ec)
      throw platform::FileError("cannot keep image " + sha + " for safe mode: " + ec.message(), ec.value());
  }
  platform::fsync_directory(to.blobs);
  const fs::path temp = to.db.string() + ".tmp";
  backup(store.database(), temp);
  fsync_file(temp);
  fs::rename(temp, to.db);
  platform::fsync_directory(to.db.parent_path());
  // Images only the previous copy needed.
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(to.blobs, ec)) {
    if (images.count(e.path().filename().string()) == 0) fs::remove(e.path(), ec);
  }
}

std::optional<content::VersionInfo> known_good_version(const KnownGoodPaths& at) {
  std::error_code ec;
  if (!fs::exists(at.db, ec)) return std::nullopt;
  try {
    Database db = Database::open(at.db, false);
    return read_version(db);
  } catch (const std::exception& e) {
    log::warn("the known good content copy cannot be read: " + std::string(e.what()));
    return std::nullopt;
  }
}

std::unique_ptr<Store> open_known_good(const KnownGoodPaths& at, const fs::path& scratch_db,
                                       OpenReport* report) {
  if (!known_good_version(at)) return nullptr;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    fs::remove(scratch_db.string() + suffix, ec);
  }
  fs::copy_file(at.db, scratch_db);
  OpenOptions o;
  o.db_path = scratch_db;
  o.blob_dir = at.blobs;
  OpenReport r;
  auto store = Store::open(o, &r);
  if (r.recovered || r.in_memory) return nullptr;  // the copy was damaged: not a known good state
  if (report != nullptr) *report = r;
  return store;
}

}  // namespace kiosk::store

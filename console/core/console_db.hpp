#pragma once
// The console's own database, console.db in its data directory: accounts, sessions, the draft
// items, changes waiting for approval, publications and the audit chain. WAL + synchronous=FULL.
// One connection behind a mutex: the console's writes are small, and one writer keeps the audit
// chain in order without retry loops.
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "sync/store/sqlite.hpp"

namespace kiosk::console {

class ConsoleDb {
 public:
  // A new database; throws std::runtime_error if one already exists in data_dir.
  static std::unique_ptr<ConsoleDb> create(const std::filesystem::path& data_dir);
  // An existing database; throws std::runtime_error naming `kiosk-console init` if there is none.
  static std::unique_ptr<ConsoleDb> open(const std::filesystem::path& data_dir);

  // Runs f(db) holding the lock; every access goes through here.
  template <class F>
  auto with(F&& f) {
    std::lock_guard lock(mutex_);
    return f(db_);
  }

  const std::filesystem::path& data_dir() const { return data_dir_; }
  std::filesystem::path image_dir() const { return data_dir_ / "images"; }
  std::filesystem::path screenshot_dir() const { return data_dir_ / "screenshots"; }

  // Small settings written at init (feed_dir, keys_dir).
  std::string setting(const std::string& key);
  void set_setting(const std::string& key, const std::string& value);

 private:
  ConsoleDb(std::filesystem::path data_dir, store::Database db)
      : data_dir_(std::move(data_dir)), db_(std::move(db)) {}
  std::filesystem::path data_dir_;
  std::mutex mutex_;
  store::Database db_;
};

std::filesystem::path console_db_path(const std::filesystem::path& data_dir);

}  // namespace kiosk::console

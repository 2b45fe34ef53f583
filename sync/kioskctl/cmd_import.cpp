#include <iostream>

#include "platform/instance_lock.hpp"
#include "sync/kioskctl/clock_option.hpp"
#include "sync/kioskctl/commands.hpp"
#include "sync/store/store.hpp"

namespace kiosk::ctl {

void add_import_command(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("import", "Validate a content directory and load it into a database atomically");
  struct Args {
    std::string dir, db, now;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("DIR", args->dir, "Content source directory")->required();
  cmd->add_option("--db", args->db, "Database file (created if missing)")->required();
  add_now_option(*cmd, args->now);
  cmd->callback([args, &exit_code] {
    const auto now = resolve_now(args->now);
    // A kiosk's database is written by the kiosk alone: importing into it takes its directory's lock.
    const auto dir = std::filesystem::absolute(args->db).parent_path();
    std::filesystem::create_directories(dir);
    std::string why;
    const auto lock = platform::InstanceLock::try_acquire(dir / "kiosk.lock", &why);
    if (!lock) {
      std::cerr << "kioskctl: " << why << "; stop the kiosk before importing into its database\n";
      exit_code = 2;
      return;
    }
    store::OpenOptions options;
    options.db_path = args->db;
    options.now = now;
    store::OpenReport report;
    auto st = store::Store::open(options, &report);
    if (report.recovered) std::cerr << "warning: the old database was unusable (" << report.reason << ")\n";
    const auto issues = store::import_source_dir(*st, args->dir, now);
    for (const auto& issue : issues.all()) std::cout << issue.to_string() << "\n";
    if (issues.has_errors()) {
      std::cout << "not imported: " << issues.error_count() << " error(s); " << args->db
                << " is unchanged.\n";
      exit_code = 1;
      return;
    }
    const auto snap = st->snapshot();
    const auto& c = snap->content();
    std::cout << "imported into " << args->db << ": " << c.spaces.size() << " spaces, " << c.events.size()
              << " events, " << c.desks.size() << " desks, " << c.resources.size() << " resources, "
              << c.indicators.size() << " indicators, " << c.notices.size() << " notices, " << c.images.size()
              << " images\n";
  });
}

}  // namespace kiosk::ctl

#include <iostream>

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

#include <iostream>

#include "sync/content/source_dir.hpp"
#include "sync/kioskctl/commands.hpp"

namespace kiosk::ctl {

void add_check_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("check", "Validate a content directory and list every problem");
  auto dir = std::make_shared<std::string>();
  cmd->add_option("DIR", *dir, "Content source directory")->required();
  cmd->callback([dir, &exit_code] {
    content::Issues issues;
    content::LoadOptions load;
    load.decode_images = true;  // damaged image data is found here, not on a kiosk
    const auto source = content::load_source_dir(*dir, issues, load);
    for (const auto& issue : issues.all()) std::cout << issue.to_string() << "\n";
    if (issues.has_errors()) {
      std::cout << issues.error_count() << " error(s): nothing in " << *dir
                << " can be published until they are fixed.\n";
      exit_code = 1;
      return;
    }
    const auto& c = source.content;
    std::cout << "ok: " << c.spaces.size() << " spaces, " << c.events.size() << " events, " << c.desks.size()
              << " desks, " << c.resources.size() << " resources, " << c.indicators.size() << " indicators, "
              << c.notices.size() << " notices, " << c.images.size() << " images\n";
  });
}

}  // namespace kiosk::ctl

#pragma once
// Shared test data: the repository's demo content, and a small valid content set built in code.
#include <filesystem>
#include <string>
#include <vector>

#include "sync/content/model.hpp"

namespace kiosk::test {

std::filesystem::path source_dir();  // the repository root
std::filesystem::path demo_dir();    // assets/demo

// 2026-11-30T10:00:00+08:00, a Monday, the demo's anchor day.
content::UnixSeconds demo_now();

// A small valid content set: 2 spaces, 3 events, 4 desks, 3 resources, 2 indicators, 2 notices.
content::Content small_content(content::UnixSeconds now);

// The command line that runs one of our built programs (path relative to the build directory, e.g.
// "sync/kioskctl/kioskctl"): in a cross build, prefixed by the emulator (KIOSK_TEST_EMULATOR).
std::vector<std::string> our_program(const std::string& relative_path);

// Copies a directory tree (to make a broken copy of the demo).
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace kiosk::test

// Deciding whether a GPU is worth rendering with, without loading GL when the answer is no.
#include <doctest/doctest.h>

#include <cstdlib>

#include "platform/gpu_probe.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;

TEST_CASE("a render node means a GPU may be there - a card node alone or nothing means none") {
  test::TempDir root;
  CHECK_FALSE(platform::has_render_node(root.path()));
  std::filesystem::create_directories(root / "dev" / "dri");
  test::write_text(root / "dev" / "dri" / "card0", "");
  CHECK_FALSE(platform::has_render_node(root.path()));  // KMS display only (a Pi without v3d)
  test::write_text(root / "dev" / "dri" / "renderD128", "");
  CHECK(platform::has_render_node(root.path()));
}

TEST_CASE("GL renderer strings of CPU rasterisers are recognised - real GPUs are not") {
  CHECK(platform::is_software_rasteriser("llvmpipe (LLVM 15.0.6, 256 bits)"));
  CHECK(platform::is_software_rasteriser("softpipe"));
  CHECK(platform::is_software_rasteriser("Mesa DRI Intel(R) swrast"));
  CHECK(platform::is_software_rasteriser("Software Rasterizer"));
  CHECK_FALSE(platform::is_software_rasteriser("V3D 4.2"));  // Raspberry Pi 4
  CHECK_FALSE(platform::is_software_rasteriser("V3D 7.1"));  // Raspberry Pi 5
  CHECK_FALSE(platform::is_software_rasteriser("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  CHECK_FALSE(platform::is_software_rasteriser(""));
}

TEST_CASE("LIBGL_ALWAYS_SOFTWARE forces software - 0 or empty does not") {
  ::setenv("LIBGL_ALWAYS_SOFTWARE", "1", 1);
  CHECK(platform::gl_forced_to_software());
  ::setenv("LIBGL_ALWAYS_SOFTWARE", "0", 1);
  CHECK_FALSE(platform::gl_forced_to_software());
  ::unsetenv("LIBGL_ALWAYS_SOFTWARE");
  CHECK_FALSE(platform::gl_forced_to_software());
}

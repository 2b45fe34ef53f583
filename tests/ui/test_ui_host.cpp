// The UI host outside screenshot mode: fonts are baked in the background, new content never shows a
// character as "?", the first frame comes from a smaller start-up atlas, and images over the pixel
// cap are never decoded.
#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "kiosk/app/presenter.hpp"
#include "kiosk/app/texture_images.hpp"
#include "kiosk/app/ui_host.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/ui/ui_fixture.hpp"

using namespace kiosk;

namespace {

struct AsyncHost {
  app::SurfacePresenter surface{1280, 800};
  std::unique_ptr<app::UiHost> host;
  ui::SyncView sync;
  ui::UiAudit audit;
  AsyncHost() {
    app::UiHostOptions o;
    o.metrics = ui::compute_metrics(1280, 800);
    o.synchronous = false;
    host = std::make_unique<app::UiHost>(surface.renderer(), test::i18n(), test::font_file(), o);
  }
  void frame(double mono) {
    host->frame(test::ui_now(), mono, sync, &audit);
    surface.begin(std::nullopt);
    host->render();
  }
  // Polls until the background build is done (bounded).
  void settle() {
    for (int i = 0; i < 500 && host->rebuilding_fonts(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      host->poll();
    }
    host->poll();
  }
  std::size_t missing() const {
    std::size_t n = 0;
    for (const auto& t : audit.texts) n += t.missing.size();
    return n;
  }
};

}  // namespace

TEST_CASE("start-up bakes the home screen first and the rest in the background") {
  AsyncHost h;
  h.host->offer_snapshot(test::demo_snapshot(), test::ui_now());
  REQUIRE(h.host->has_snapshot());
  const std::size_t startup_glyphs = h.host->fonts().glyphs.size();
  h.frame(1.0);
  CHECK(h.missing() == 0);  // everything on the home screen is in the start-up atlas
  h.settle();
  CHECK_FALSE(h.host->rebuilding_fonts());
  CHECK(h.host->fonts().glyphs.size() > startup_glyphs);  // the full set arrived
  h.host->ui().apply({ui::Action::Kind::navigate, {}, static_cast<int>(ui::Screen::resources)}, 1.0);
  h.frame(1.1);
  h.frame(1.2);
  CHECK(h.missing() == 0);
}

TEST_CASE("new content with new characters keeps the old version on screen until its fonts are ready") {
  AsyncHost h;
  h.host->offer_snapshot(test::demo_snapshot(), test::ui_now());
  h.settle();
  content::Content c = test::demo_snapshot()->content();
  c.meta.title.zh = "龘靐齉爩 新的大厅";  // characters no earlier version had
  auto next = content::ContentSnapshot::build(c, content::VersionInfo{2, "feed", 0, 0, ""});
  h.host->offer_snapshot(next, test::ui_now());
  if (h.host->rebuilding_fonts()) CHECK(&h.host->snapshot() != next.get());  // still the old one
  h.settle();
  CHECK(&h.host->snapshot() == next.get());
  h.frame(2.0);
  CHECK(h.missing() == 0);
  bool drew_title = false;
  for (const auto& t : h.audit.texts) drew_title |= t.full == "龘靐齉爩 新的大厅";
  CHECK(drew_title);
}

TEST_CASE("the kiosk decodes no image over the pixel cap - its header is read first") {
  test::TempDir dir;
  std::string bytes = test::read_text(test::demo_dir() / "images" / "photo-3d-printing.png");
  const app::DecodedImage fine =
      app::decode_image_file(test::demo_dir() / "images" / "photo-3d-printing.png", 1024);
  CHECK(fine.width > 0);
  for (int i = 0; i < 4; ++i) {  // the header now claims 12000x9000 (432 MB as RGBA)
    bytes[16 + i] = static_cast<char>((12000 >> (24 - 8 * i)) & 0xFF);
    bytes[20 + i] = static_cast<char>((9000 >> (24 - 8 * i)) & 0xFF);
  }
  test::write_text(dir / "bomb.png", bytes);
  const app::DecodedImage refused = app::decode_image_file(dir / "bomb.png", 1024);
  CHECK(refused.width == 0);
  CHECK(refused.rgba.empty());
}

TEST_CASE("a decode still in flight when new content arrives never fills in for the new content's image") {
  test::TempDir blobs;
  // Generation A names "x.png" a 640x480 photo, generation B a 960x540 poster of the same name.
  std::filesystem::copy_file(test::demo_dir() / "images" / "photo-3d-printing.png", blobs / "aaa");
  std::filesystem::copy_file(test::demo_dir() / "images" / "poster-roadshow.png", blobs / "bbb");
  const auto snapshot_with = [&](const std::string& sha) {
    content::Content c;
    c.images.push_back(content::ImageRef{"x.png", sha, 1, 0, 0});
    return content::ContentSnapshot::build(std::move(c), content::VersionInfo{}, blobs.path());
  };
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  auto decoder = [&, once = std::make_shared<std::once_flag>()](const std::filesystem::path& file,
                                                                int max_side) {
    if (file.filename() == "aaa") {  // the old generation's decode: hold it until the content changed
      std::call_once(*once, [&] { started.set_value(); });
      released.wait();
    }
    return app::decode_image_file(file, max_side);
  };
  app::SurfacePresenter surface(64, 64);
  app::TextureImages images(surface.renderer(), 2048, 64u << 20, false, {}, decoder);
  int w = 0, h = 0;
  images.set_snapshot(snapshot_with("aaa"));
  CHECK(images.texture("x.png", &w, &h) == nullptr);  // requested: the worker is decoding "aaa"
  started.get_future().wait();
  images.set_snapshot(snapshot_with("bbb"));  // new content while that decode is in flight
  CHECK(images.texture("x.png", &w, &h) == nullptr);
  release.set_value();
  ImTextureID texture = nullptr;
  for (int i = 0; i < 3000 && texture == nullptr; ++i) {  // up to 30 s: qemu decodes slowly
    images.upload_ready();
    texture = images.texture("x.png", &w, &h);
    if (texture == nullptr) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(texture != nullptr);
  CHECK(w == 960);  // the new content's poster, not the old photo
  CHECK(h == 540);
}

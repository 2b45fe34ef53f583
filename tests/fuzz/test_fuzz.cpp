// Fuzzing what reaches a kiosk from outside: content documents (source files and feed pages), the
// signed feed files, images and the kiosk's own config, each mutated at random from a valid seed
// (bit flips, special bytes, cut, repeated and inserted runs, extreme numbers, long strings). The
// properties: nothing crashes or throws an unexpected exception type (ASan+UBSan run this too);
// a tampered payload never verifies; content that passes validation is queried by every screen and
// rendered without harm. Seeded, so a failure names an iteration that reproduces; bounded by time
// (KIOSK_FUZZ_SECONDS per test case, default 8) so that qemu and sanitizer builds stay in budget.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "kiosk/app/config.hpp"
#include "kiosk/app/headless.hpp"
#include "platform/files.hpp"
#include "sync/content/content_json.hpp"
#include "sync/content/image_probe.hpp"
#include "sync/content/sample_dates.hpp"
#include "sync/content/snapshot.hpp"
#include "sync/content/source_dir.hpp"
#include "sync/content/validate.hpp"
#include "sync/feed/feed_error.hpp"
#include "sync/feed/feed_model.hpp"
#include "sync/feed/keys.hpp"
#include "sync/feed/publish.hpp"
#include "sync/feed/signed_file.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/ui/ui_fixture.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

class Mutator {
 public:
  explicit Mutator(std::uint64_t seed) : rng_(seed) {}

  std::string mutate(std::string s) {
    const int rounds = 1 + static_cast<int>(below(4));
    for (int i = 0; i < rounds; ++i) once(s);
    return s;
  }

 private:
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

  void once(std::string& s) {
    static const std::vector<std::string> kSpecial = {"{",
                                                      "}",
                                                      "[",
                                                      "]",
                                                      "\"",
                                                      ",",
                                                      ":",
                                                      "\\",
                                                      std::string(1, '\0'),
                                                      "\xff",
                                                      "\xc3",
                                                      "\xe4\xb8",
                                                      "\xf0\x9f\x98",
                                                      "null",
                                                      "true",
                                                      "-",
                                                      "e999",
                                                      "\\u0000",
                                                      "\\ud800",
                                                      "\n",
                                                      " "};
    static const std::vector<std::string> kNumbers = {
        "1e309", "-1e309", "-0",         "9223372036854775808", "-9223372036854775809", "0.0000001",
        "NaN",   "1e-400", "4102444800", "946684799",           "18446744073709551616"};
    const std::size_t at = below(s.size() + 1);
    switch (below(8)) {
      case 0:
        if (!s.empty()) s[below(s.size())] ^= static_cast<char>(1u << below(8));
        break;
      case 1:
        if (!s.empty()) s.replace(below(s.size()), 1, kSpecial[below(kSpecial.size())]);
        break;
      case 2:
        s.erase(at, below(64) + 1);
        break;
      case 3: {
        const std::size_t from = below(s.size() + 1);
        s.insert(at, s.substr(from, below(256) + 1));
        break;
      }
      case 4:
        s.resize(below(s.size() + 1));
        break;
      case 5:
        for (std::size_t n = below(8) + 1; n > 0; --n)
          s.insert(s.begin() + static_cast<std::ptrdiff_t>(below(s.size() + 1)), static_cast<char>(rng_()));
        break;
      case 6: {  // a number becomes an extreme one
        std::size_t d = s.find_first_of("0123456789", at);
        if (d == std::string::npos) break;
        std::size_t e = s.find_first_not_of("0123456789.-+eE", d);
        s.replace(d, (e == std::string::npos ? s.size() : e) - d, kNumbers[below(kNumbers.size())]);
        break;
      }
      default: {  // a string value becomes very long, or all multi-byte characters
        const std::size_t q = s.find('"', at);
        if (q == std::string::npos) break;
        const std::string filler = below(2) == 0 ? std::string(5000 + below(20000), 'x')
                                                 : std::string("鲲鹏瞪羚") + std::string(300, 'z');
        s.insert(q + 1, filler);
        break;
      }
    }
  }

  std::mt19937_64 rng_;
};

double fuzz_seconds() {
  const char* v = std::getenv("KIOSK_FUZZ_SECONDS");
  const double s = v != nullptr ? std::atof(v) : 8.0;
  return s > 0 ? s : 8.0;
}

struct Deadline {
  std::chrono::steady_clock::time_point end;
  explicit Deadline(double seconds)
      : end(std::chrono::steady_clock::now() +
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                std::chrono::duration<double>(seconds))) {}
  bool passed() const { return std::chrono::steady_clock::now() >= end; }
};

// Counts what happened to the mutants; unexpected exceptions are remembered with their iteration.
struct Tally {
  int tried = 0, accepted = 0, refused = 0;
  std::vector<std::string> unexpected;
  void surprise(const std::string& what, int iteration) {
    if (unexpected.size() < 5) unexpected.push_back("iteration " + std::to_string(iteration) + ": " + what);
  }
  void report(const std::string& target) const {
    MESSAGE(target << ": " << tried << " mutants, " << accepted << " accepted, " << refused << " refused");
    CHECK_MESSAGE(unexpected.empty(), target << ": " << (unexpected.empty() ? "" : unexpected.front()));
  }
};

void clear_collection(content::Content& c, content::Collection which) {
  using content::Collection;
  switch (which) {
    case Collection::meta:
      c.meta = {};
      break;
    case Collection::spaces:
      c.spaces.clear();
      break;
    case Collection::events:
      c.events.clear();
      break;
    case Collection::desks:
      c.desks.clear();
      break;
    case Collection::resources:
      c.resources.clear();
      break;
    case Collection::indicators:
      c.indicators.clear();
      break;
    case Collection::notices:
      c.notices.clear();
      break;
  }
}

// Everything the screens ask a snapshot, so that odd but valid content is exercised beyond parsing.
void query_everything(const content::ContentSnapshot& s, content::UnixSeconds now) {
  (void)s.upcoming_by_day(now);
  (void)s.events_today(now);
  (void)s.desk_counts(now);
  for (const auto& space : s.content().spaces) (void)s.desks_in_space(space.id, now);
  for (const char* q : {"", "a", "超算", "3d", "zz"}) (void)s.resources({std::nullopt, q, false});
  (void)s.resources({std::nullopt, "", true});
  (void)s.indicators();
  (void)s.active_notices(now, "lobby-1");
  (void)s.home_space("lobby-1");
  (void)s.next_change_after(now);
}

}  // namespace

TEST_CASE("fuzz: mutated content documents are refused in words or shown on every screen - never a crash") {
  const auto now = test::demo_now();
  content::Issues base_issues;
  const content::SourceDir base = content::load_source_dir(test::demo_dir(), base_issues);
  REQUIRE_MESSAGE(!base_issues.has_errors(), base_issues.summary());
  app::HeadlessKiosk kiosk(800, 480, test::i18n(), test::font_file(), test::demo_snapshot());

  Mutator mutator(20261126);
  const Deadline deadline(fuzz_seconds());
  Tally tally;
  int rendered = 0;
  for (int i = 0; !deadline.passed(); ++i) {
    const content::Collection which =
        content::kAllCollections[static_cast<std::size_t>(i) % std::size(content::kAllCollections)];
    const std::string file = content::collection_file(which);
    const std::string seed = platform::read_file(test::demo_dir() / file, 1 << 24);
    const std::string bytes = i < 7 ? seed : mutator.mutate(seed);  // the first round: the seeds themselves
    ++tally.tried;
    try {
      content::Content candidate = base.content;
      clear_collection(candidate, which);
      content::Issues issues;
      content::parse_collection(which, file, bytes, candidate, issues);
      content::rebase_sample_content(candidate, now);
      content::validate(candidate, issues);
      if (i < 7) REQUIRE_MESSAGE(!issues.has_errors(), file << " as shipped: " << issues.summary());
      if (issues.has_errors()) {
        ++tally.refused;
        if (issues.summary().find(file) == std::string::npos &&
            issues.summary().find(".json") == std::string::npos) {
          tally.surprise("a refusal that names no file: " + issues.summary(), i);
        }
        continue;
      }
      ++tally.accepted;
      const auto snapshot = content::ContentSnapshot::build(std::move(candidate), {});
      query_everything(*snapshot, now);
      // Rendering costs milliseconds (much more under qemu): the first ten accepted mutants, then some.
      if (rendered < 10 || i % 10 == 0) {
        kiosk.host().offer_snapshot(snapshot, now);
        for (const auto& screen :
             {"home", "events", "event-detail", "desks", "desk-detail", "resources", "index"}) {
          content::UnixSeconds at = now;
          app::show_screen(kiosk.ui(), *snapshot, screen, at);
          kiosk.step(at, 1.0 + 0.02 * rendered);
        }
        ++rendered;
      }
    } catch (const doctest::detail::TestFailureException&) {
      throw;
    } catch (const std::exception& e) {
      tally.surprise(e.what(), i);
    }
  }
  tally.report("content documents");
  MESSAGE(rendered << " accepted mutants rendered on six screens");
  CHECK(tally.refused > 0);   // the mutator really breaks things ...
  CHECK(tally.accepted > 7);  // ... and also makes odd but valid content
}

TEST_CASE("fuzz: mutated signed feed files are refused as feed errors - a changed payload never verifies") {
  test::TempDir dir;
  const auto now = test::demo_now();
  const std::string root_key = feed::generate_keys(dir / "keys", now);
  feed::PublishOptions options;
  options.now = now;
  REQUIRE(feed::publish(test::demo_dir(), dir / "keys", dir / "feed", options).published);
  std::string online_key = platform::read_file(feed::KeyPaths(dir / "keys").online_pub(), 4096);
  while (!online_key.empty() && online_key.back() == '\n') online_key.pop_back();
  const std::vector<feed::PublicKey> trusted = {feed::public_key_from_base64(root_key),
                                                feed::public_key_from_base64(online_key)};
  struct Seed {
    std::string type, bytes, payload;
  };
  std::vector<Seed> seeds;
  for (const auto& [type, path] : {std::pair<std::string, fs::path>{"root", dir / "feed/root.json"},
                                   {"timestamp", dir / "feed/timestamp.json"},
                                   {"manifest", dir / "feed/manifests/1.json"}}) {
    Seed s{type, platform::read_file(path, 1 << 22), {}};
    s.payload = feed::open_signed(type, s.bytes, trusted).payload;  // the seed itself verifies
    seeds.push_back(std::move(s));
  }

  Mutator mutator(7);
  const Deadline deadline(fuzz_seconds());
  Tally envelopes, payloads;
  for (int i = 0; !deadline.passed(); ++i) {
    const Seed& seed = seeds[static_cast<std::size_t>(i) % seeds.size()];
    // The whole signed file: tampering anywhere is refused, or the payload is the one that was signed.
    const std::string bytes = mutator.mutate(seed.bytes);
    ++envelopes.tried;
    try {
      const auto opened = feed::open_signed(seed.type, bytes, trusted);
      ++envelopes.accepted;
      if (opened.payload != seed.payload) envelopes.surprise("a changed payload verified", i);
    } catch (const feed::FeedError&) {
      ++envelopes.refused;
    } catch (const std::exception& e) {
      envelopes.surprise(std::string("not a FeedError: ") + e.what(), i);
    }
    // The payload parsers behind the signature (a compromised online key could send anything).
    const std::string payload = mutator.mutate(seed.payload);
    ++payloads.tried;
    try {
      if (seed.type == "root")
        (void)feed::parse_root(payload);
      else if (seed.type == "timestamp")
        (void)feed::parse_timestamp(payload);
      else
        (void)feed::parse_manifest(payload);
      ++payloads.accepted;
    } catch (const feed::FeedError&) {
      ++payloads.refused;
    } catch (const std::exception& e) {
      payloads.surprise(std::string("not a FeedError: ") + e.what(), i);
    }
  }
  envelopes.report("signed files");
  payloads.report("feed payloads");
  CHECK(envelopes.refused > 0);
  CHECK(payloads.refused > 0);
}

TEST_CASE("fuzz: mutated images are sized or refused - mutated kiosk configs always give a usable config") {
  std::vector<std::string> images;
  for (const auto& e : fs::directory_iterator(test::demo_dir() / "images"))
    images.push_back(platform::read_file(e.path(), 1 << 24));
  REQUIRE(!images.empty());
  const std::string config_seed =
      platform::read_file(test::source_dir() / "assets/config/kiosk.json", 1 << 20);
  test::TempDir dir;
  Mutator mutator(42);
  const Deadline deadline(fuzz_seconds());
  Tally probes, configs;
  for (int i = 0; !deadline.passed(); ++i) {
    ++probes.tried;
    try {
      const auto size =
          content::probe_image(mutator.mutate(images[static_cast<std::size_t>(i) % images.size()]));
      ++(size ? probes.accepted : probes.refused);
      if (size && (size->width <= 0 || size->height <= 0)) probes.surprise("a size that is not positive", i);
    } catch (const std::exception& e) {
      probes.surprise(e.what(), i);
    }
    if (i % 4 != 0) continue;  // a config load writes a file: fewer of them
    ++configs.tried;
    try {
      test::write_text(dir / "kiosk.json", mutator.mutate(config_seed));
      const app::Config c = app::load_config(dir / "kiosk.json");
      ++(c.problems.empty() ? configs.accepted : configs.refused);
      if (c.idle_timeout_s < 10) configs.surprise("an unusable idle timeout was kept", i);
    } catch (const std::exception& e) {
      configs.surprise(e.what(), i);
    }
  }
  probes.report("images");
  configs.report("kiosk configs");
  CHECK(probes.refused > 0);
  CHECK(configs.refused > 0);
}

// The one search engine (search_index.hpp) on content with no staff keywords: pinyin from the packaged
// dictionary, initials, mixed, English word forms, Chinese, ranking; and the kiosk screen and
// kioskctl's search answering from it alike.
#include <doctest/doctest.h>

#include "sync/content/pinyin.hpp"
#include "sync/content/search_index.hpp"
#include "sync/content/snapshot.hpp"
#include "tests/support/fixtures.hpp"

using namespace kiosk::content;

namespace {

const PinyinDictionary& dictionary() {
  const auto& d = PinyinDictionary::system();
  REQUIRE_MESSAGE(d.available(), "install rime-data-luna-pinyin (scripts/install-deps.sh does)");
  return d;
}

// The ids found for `query`, best first.
std::vector<std::string> found(const SearchIndex& index, const std::vector<std::string>& ids,
                               std::string_view query) {
  std::vector<std::string> out;
  for (const auto& hit : index.find(query)) out.push_back(ids[hit.index]);
  return out;
}

struct Directory {
  SearchIndex index{dictionary()};
  std::vector<std::string> ids;
  void add(std::string id, std::string zh, std::string en, std::string summary_zh = {}) {
    Resource r;
    r.id = id;
    r.name = {std::move(zh), std::move(en)};
    r.summary = {std::move(summary_zh), {}};
    index.add_item(r);  // no keywords: everything below is derived
    ids.push_back(std::move(id));
  }
};

Directory directory() {
  Directory d;
  d.add("hpc", "国家超级计算天津中心", "National Supercomputer Center in Tianjin");
  d.add("print", "3D打印创新服务平台", "3D Printing Innovation Platform");
  d.add("bank", "科技银行", "Tech bank");
  d.add("bio", "生物医药公共服务平台", "Biomedicine platform", "提供超级计算服务");
  d.add("law", "创业法律服务", "Startup legal clinic");
  return d;
}

bool contains(const std::vector<std::string>& v, const std::string& id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

}  // namespace

TEST_CASE("the pinyin dictionary reads Rime's table: common reading first - rare ones dropped") {
  const auto d = PinyinDictionary::parse(
      "# comment\n---\nname: test\n...\n\n行\thang\t8.22%\n行\txing\t91.78%\n了\tle\t98.90%\n"
      "了\tliao\t1.10%\n超\tchao\n银行\tyin hang\nabc\tzzz\n");
  REQUIRE(d.size() == 3);  // 行 了 超; the phrase and the non-Han line are skipped
  const auto xing = d.readings(U'行');
  REQUIRE(xing.size() == 2);
  CHECK(d.syllable(xing[0]) == "xing");
  CHECK(d.syllable(xing[1]) == "hang");
  REQUIRE(d.readings(U'了').size() == 1);  // liao at 1 %: a false match more often than a help
  CHECK(d.syllable(d.readings(U'了')[0]) == "le");
  CHECK(d.readings(U'a').empty());
  CHECK(dictionary().size() > 8000);  // the packaged table: every common character
}

TEST_CASE("pinyin finds Chinese names without keywords: whole - initials - mixed - polyphones") {
  const auto d = directory();
  for (const char* q : {"chaoji", "chaojijisuan", "guojia", "tianjin", "gjcj", "cjjs", "chaojjs", "chaoj"})
    CHECK_MESSAGE(contains(found(d.index, d.ids, q), "hpc"), q);
  CHECK(contains(found(d.index, d.ids, "dayin"), "print"));
  CHECK(contains(found(d.index, d.ids, "3d dayin"), "print"));  // terms in both scripts, all must match
  CHECK(found(d.index, d.ids, "yinhang") == std::vector<std::string>{"bank"});  // 行 read hang here
  CHECK(contains(found(d.index, d.ids, "falv"), "law"));                        // ü typed as v
  CHECK(contains(found(d.index, d.ids, "zhongxin"), "hpc"));  // zh: two letters, one initial
  CHECK(contains(found(d.index, d.ids, "zhx"), "hpc"));
  // A syllable's middle is not a match: "an" is in "tian" but starts no syllable or word.
  CHECK_FALSE(contains(found(d.index, d.ids, "an"), "hpc"));
  CHECK(found(d.index, d.ids, "chaosuan falv").empty());
}

TEST_CASE("English words in any form - Chinese text anywhere - nothing for an empty query") {
  const auto d = directory();
  for (const char* q : {"print", "printer", "printing", "prints"})
    CHECK_MESSAGE(found(d.index, d.ids, q) == std::vector<std::string>{"print"}, q);
  CHECK(found(d.index, d.ids, "supercomputer") == std::vector<std::string>{"hpc"});
  CHECK(found(d.index, d.ids, "LEGAL") == std::vector<std::string>{"law"});
  CHECK(contains(found(d.index, d.ids, "超级"), "hpc"));
  CHECK(found(d.index, d.ids, "").empty());
  CHECK(english_stem("printing") == "print");
  CHECK(english_stem("printer") == "print");
  CHECK(english_stem("lab") == "lab");
}

TEST_CASE("what the visitor most likely meant comes first: a name before a summary") {
  const auto d = directory();
  // Both mention 超级计算; hpc in its name, bio only in its summary.
  const auto hits = found(d.index, d.ids, "chaojijisuan");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0] == "hpc");
  CHECK(hits[1] == "bio");
  const auto zh = found(d.index, d.ids, "超级计算");
  REQUIRE(zh.size() == 2);
  CHECK(zh[0] == "hpc");
}

TEST_CASE("the kiosk screen and kioskctl's search answer from the same engine") {
  Content c = kiosk::test::small_content(kiosk::test::demo_now());
  for (auto& r : c.resources) r.keywords.clear();
  const auto snap = ContentSnapshot::build(c, {});
  for (const char* q : {"chaosuan", "guojia", "3d", "dayin", "falv", "超算", "legal"}) {
    ResourceFilter filter;
    filter.query = q;
    std::vector<std::string> screen, ctl;
    for (const Resource* r : snap->resources(filter)) screen.push_back(r->id);
    for (const Found& f : snap->search(q, kiosk::test::demo_now(), 100))
      if (f.resource != nullptr) ctl.push_back(f.resource->id);
    CHECK_MESSAGE(screen == ctl, q);
  }
  ResourceFilter hpc;
  hpc.query = "guojia chaoji";
  REQUIRE(snap->resources(hpc).size() == 1);
  CHECK(snap->resources(hpc)[0]->id == "res-hpc");
}

TEST_CASE("the keyboard's candidates: the Chinese words the pinyin typed spells - most frequent first") {
  const auto d = directory();
  const auto words = d.index.candidates("dayin");
  REQUIRE_FALSE(words.empty());
  CHECK(words[0] == "打印");
  // In part, by initials and mixed; 服务 is in three names, so it leads.
  const auto fw = d.index.candidates("fuw");
  REQUIRE_FALSE(fw.empty());
  CHECK(fw[0] == "服务");
  CHECK(d.index.candidates("chaoj")[0] == "超级");
  CHECK(d.index.candidates("3d dayin")[0] == "打印");  // the last term is the one being typed
  CHECK(d.index.candidates("超级").empty());           // nothing to offer for Chinese typed already
  CHECK(d.index.candidates("").empty());
}

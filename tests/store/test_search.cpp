#include <doctest/doctest.h>

#include <algorithm>

#include "sync/store/fts_tokenizer.hpp"
#include "sync/store/store.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;

namespace {

struct SearchFixture {
  test::TempDir dir;
  std::unique_ptr<store::Store> st;
  SearchFixture() {
    store::OpenOptions o;
    o.db_path = dir / "content.db";
    st = store::Store::open(o);
    st->replace_content(test::small_content(test::demo_now()), {});
  }
  std::vector<std::string> ids(std::string_view q) const {
    std::vector<std::string> out;
    for (const auto& h : st->search(q)) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
  }
};

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("two-character Chinese words match (the trigram tokenizer cannot do this)") {
  SearchFixture f;
  CHECK(f.ids("超算") == Ids{"res-hpc"});  // via keywords
  CHECK(f.ids("超级") == Ids{"res-hpc"});  // substring of 国家超级计算天津中心
  CHECK(f.ids("天津") == Ids{"res-hpc"});
  CHECK(f.ids("论坛") == Ids{"evt-forum"});
}

TEST_CASE("longer Chinese substrings match only where the text contains them in order") {
  SearchFixture f;
  CHECK(f.ids("超级计算天津") == Ids{"res-hpc"});
  CHECK(f.ids("级计算") == Ids{"res-hpc"});
  CHECK(f.ids("计算超级").empty());  // same characters, wrong order
}

TEST_CASE("a single Chinese character matches anywhere - even at the end of a run") {
  SearchFixture f;
  CHECK(f.ids("超") == Ids{"res-hpc"});
  CHECK(f.ids("心") == Ids{"res-hpc"});  // last character of 国家超级计算天津中心
}

TEST_CASE("English and pinyin match by prefix - any case - several terms all required") {
  SearchFixture f;
  CHECK(f.ids("supercomp") == Ids{"res-hpc"});
  CHECK(f.ids("TIANJ") == Ids{"res-hpc"});
  CHECK(f.ids("chaos") == Ids{"res-hpc"});
  CHECK(f.ids("brain forum") == Ids{"evt-forum"});
  CHECK(f.ids("brain contest").empty());
  CHECK(f.ids("3d打印") == Ids{"res-3d"});
  CHECK(f.ids("３Ｄ") == Ids{"res-3d"});
}

TEST_CASE("queries with nothing searchable or with FTS syntax are safe") {
  SearchFixture f;
  CHECK(f.ids("").empty());
  CHECK(f.ids("!!! ???").empty());
  CHECK_NOTHROW(f.ids("\"unbalanced"));
  CHECK_NOTHROW(f.ids("a OR b NOT c*"));
  CHECK_NOTHROW(f.ids("NEAR(x y)"));
}

TEST_CASE("the match expression quotes every term and makes its last token a prefix") {
  CHECK(store::fts_match_expression("超算 Tianjin") == "\"超算\"* \"tianjin\"*");
  CHECK(store::fts_match_expression("say \"hi\"") == "\"say\"* \"\"\"hi\"\"\"*");
  CHECK(store::fts_match_expression("  ").empty());
}

#include "sync/store/fts_tokenizer.hpp"

#include <cstring>
#include <vector>

#include "sync/content/search_text.hpp"
#include "sync/content/utf8.hpp"
#include "sync/store/sqlite.hpp"

namespace kiosk::store {
namespace {

namespace utf8 = content::utf8;

enum class CharClass { separator, word, han };

CharClass classify(char32_t cp) {
  if (cp == utf8::kInvalid) return CharClass::separator;
  if (utf8::is_cjk(cp)) return CharClass::han;
  const char32_t f = utf8::fold(cp);
  if ((f >= 'a' && f <= 'z') || (f >= '0' && f <= '9')) return CharClass::word;
  if (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7) return CharClass::word;  // accented Latin etc.
  return CharClass::separator;
}

struct Char {
  char32_t cp;
  int begin, end;  // byte offsets in the input
};

using TokenFn = int (*)(void*, int, const char*, int, int, int);

int emit_word(const std::vector<Char>& run, const char* text, void* ctx, TokenFn token) {
  std::string folded;
  for (const Char& c : run) utf8::append(folded, utf8::fold(c.cp));
  (void)text;
  return token(ctx, 0, folded.data(), static_cast<int>(folded.size()), run.front().begin, run.back().end);
}

int emit_han(const std::vector<Char>& run, const char* text, bool query, void* ctx, TokenFn token) {
  const auto piece = [&](std::size_t from, std::size_t to) {
    return token(ctx, 0, text + run[from].begin, run[to].end - run[from].begin, run[from].begin, run[to].end);
  };
  if (run.size() == 1) return piece(0, 0);
  for (std::size_t i = 0; i + 1 < run.size(); ++i) {
    if (int rc = piece(i, i + 1); rc != SQLITE_OK) return rc;
  }
  // Documents also index the last character alone: "算*" must find "...计算". A query must not emit
  // it, or a phrase would demand that the text's run ends where the query's does.
  if (!query) return piece(run.size() - 1, run.size() - 1);
  return SQLITE_OK;
}

int tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int length, TokenFn token) {
  const bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  const std::string_view input(text, static_cast<std::size_t>(length));
  std::vector<Char> run;
  CharClass run_class = CharClass::separator;
  const auto flush = [&]() -> int {
    int rc = SQLITE_OK;
    if (!run.empty()) {
      rc = run_class == CharClass::word ? emit_word(run, text, ctx, token)
                                        : emit_han(run, text, query, ctx, token);
    }
    run.clear();
    return rc;
  };
  for (std::size_t pos = 0; pos < input.size();) {
    const int begin = static_cast<int>(pos);
    const char32_t cp = utf8::next(input, pos);
    const CharClass cls = classify(cp);
    if (cls != run_class) {
      if (int rc = flush(); rc != SQLITE_OK) return rc;
      run_class = cls;
    }
    if (cls != CharClass::separator) run.push_back(Char{cp, begin, static_cast<int>(pos)});
  }
  return flush();
}

int create(void*, const char**, int, Fts5Tokenizer** out) {
  static int instance;  // stateless: any non-null pointer will do
  *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer*) {}

fts5_api* fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

bool searchable(std::string_view term) {
  for (std::size_t pos = 0; pos < term.size();) {
    if (classify(utf8::next(term, pos)) != CharClass::separator) return true;
  }
  return false;
}

}  // namespace

void register_kiosk_tokenizer(sqlite3* db) {
  fts5_api* api = fts5_api_of(db);
  if (api == nullptr) throw SqliteError("this SQLite has no FTS5 (full-text search) support", SQLITE_ERROR);
  static fts5_tokenizer tokenizer{create, destroy, tokenize};
  const int rc = api->xCreateTokenizer(api, "kiosk", nullptr, &tokenizer, nullptr);
  if (rc != SQLITE_OK) throw_sqlite(db, rc, "cannot register the search tokenizer");
}

std::string fts_match_expression(std::string_view user_query) {
  std::string out;
  for (const std::string& term : content::search_terms(user_query)) {
    if (!searchable(term)) continue;
    std::string quoted = "\"";
    for (char ch : term) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    quoted += "\"*";
    if (!out.empty()) out += ' ';
    out += quoted;
  }
  return out;
}

}  // namespace kiosk::store

#pragma once
// Full-text search that works for Chinese. SQLite's trigram tokenizer cannot find two-character
// words (超算, 孵化, 工位 — the common case), so the store registers its own FTS5 tokenizer, "kiosk":
//   - Latin letters and digits form words, folded to lowercase ASCII (prefix queries: "supe*");
//   - a run of Han characters becomes its overlapping bigrams (国家超级 -> 国家 家超 超级), plus the
//     run's last character on its own so a one-character query can match anywhere as a prefix.
// A query phrase is tokenised the same way, so any Chinese substring of two or more characters is a
// phrase of consecutive bigrams and matches exactly where the text contains it.
#include <sqlite3.h>

#include <string>
#include <string_view>

namespace kiosk::store {

// Must be called on every connection before the search table is used. Throws SqliteError.
void register_kiosk_tokenizer(sqlite3* db);

// Turns what a person typed into an FTS5 MATCH expression: every term must match, the last token
// of each term as a prefix. Empty when nothing searchable was typed.
std::string fts_match_expression(std::string_view user_query);

}  // namespace kiosk::store

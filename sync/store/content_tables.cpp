#include "sync/store/content_tables.hpp"

#include <map>
#include <set>

#include "sync/content/fields.hpp"
#include "sync/content/search_text.hpp"

namespace kiosk::store {
namespace {

using namespace content;

// Lists of ids are stored space-separated (ids cannot contain spaces).
std::string join_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

std::vector<std::string> split_ids(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

template <class E>
E enum_or(const std::string& s, E fallback) {
  return enum_from_string<E>(s).value_or(fallback);
}

std::string stem(const Field& f) {
  return std::string(f.column.empty() ? f.key : f.column);
}

// A table's columns as fields.hpp defines them: a text is two (`name_zh`, `name_en`), a year value
// two (`baseline_year`, `baseline_value`); a series has its own table. Every column has a default,
// so a field added later is one ALTER TABLE ADD COLUMN for a database already in the field.
const Content kNoContent;  // walked for its collections' types

struct Column {
  std::string name, declaration;
};
struct ColumnsOf {
  std::vector<Column>& out;
  void add(std::string name, const char* type) const { out.push_back({name, name + " " + type}); }
  void operator()(const std::string&, const Field& f) const {
    add(stem(f), f.role == Role::space
                     ? "TEXT NOT NULL DEFAULT '' REFERENCES spaces(id) DEFERRABLE INITIALLY DEFERRED"
                     : "TEXT NOT NULL DEFAULT ''");
  }
  void operator()(const LocalText&, const Field& f) const {
    add(stem(f) + "_zh", "TEXT NOT NULL DEFAULT ''");
    add(stem(f) + "_en", "TEXT NOT NULL DEFAULT ''");
  }
  void operator()(UnixSeconds, const Field& f) const { add(stem(f), "INTEGER NOT NULL DEFAULT 0"); }
  void operator()(const std::optional<UnixSeconds>&, const Field& f) const { add(stem(f), "INTEGER"); }
  void operator()(int, const Field& f) const { add(stem(f), "INTEGER NOT NULL DEFAULT 0"); }
  void operator()(double, const Field& f) const { add(stem(f), "REAL NOT NULL DEFAULT 0"); }
  void operator()(bool, const Field& f) const { add(stem(f), "INTEGER NOT NULL DEFAULT 0"); }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(E, const Field& f) const { add(stem(f), "TEXT NOT NULL DEFAULT ''"); }
  void operator()(const std::vector<std::string>&, const Field& f) const {
    add(stem(f), "TEXT NOT NULL DEFAULT ''");
  }
  void operator()(const YearValue&, const Field& f) const {
    add(stem(f) + "_year", "INTEGER NOT NULL DEFAULT 0");
    add(stem(f) + "_value", "REAL NOT NULL DEFAULT 0");
  }
  void operator()(const std::optional<YearValue>&, const Field& f) const {
    add(stem(f) + "_year", "INTEGER");
    add(stem(f) + "_value", "REAL");
  }
  void operator()(const std::vector<SeriesPoint>&, const Field&) const {}  // indicator_series
};

template <class T>
const std::vector<Column>& columns() {
  static const std::vector<Column> list = [] {
    std::vector<Column> out;
    const T item{};
    fields(item, ColumnsOf{out});
    return out;
  }();
  return list;
}

template <class T>
std::string table() {
  return std::string(collection_name(collection_of<T>));
}

template <class T>
std::string column_list() {
  std::string out;
  for (const auto& c : columns<T>()) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

// Binds an item's members to ?3, ?4 ... in column order (?1 and ?2 are its page and order).
struct BindFields {
  Statement& s;
  int& index;
  template <class V>
  void bind(const V& v) const {
    s.bind(++index, v);
  }
  void operator()(const std::string& v, const Field&) const { bind(v); }
  void operator()(const LocalText& t, const Field&) const { bind(t.zh), bind(t.en); }
  void operator()(UnixSeconds t, const Field&) const { bind(t); }
  void operator()(const std::optional<UnixSeconds>& t, const Field&) const { bind(t); }
  void operator()(int v, const Field&) const { bind(v); }
  void operator()(double v, const Field&) const { bind(v); }
  void operator()(bool v, const Field&) const { bind(v); }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(E e, const Field&) const { bind(to_string(e)); }
  void operator()(const std::vector<std::string>& ids, const Field&) const { bind(join_ids(ids)); }
  void operator()(const YearValue& y, const Field&) const { bind(y.year), bind(y.value); }
  void operator()(const std::optional<YearValue>& y, const Field&) const {
    bind(y ? std::optional<int>(y->year) : std::nullopt),
        bind(y ? std::optional<double>(y->value) : std::nullopt);
  }
  void operator()(const std::vector<SeriesPoint>&, const Field&) const {}
};

// Reads a row back, in the same column order.
struct ReadFields {
  const Statement& s;
  int& col;
  void operator()(std::string& v, const Field&) const { v = s.text(col++); }
  void operator()(LocalText& t, const Field&) const {
    t.zh = s.text(col++);
    t.en = s.text(col++);
  }
  void operator()(UnixSeconds& t, const Field&) const { t = s.int64(col++); }
  void operator()(std::optional<UnixSeconds>& t, const Field&) const {
    if (!s.is_null(col)) t = s.int64(col);
    ++col;
  }
  void operator()(int& v, const Field&) const { v = s.integer(col++); }
  void operator()(double& v, const Field&) const { v = s.real(col++); }
  void operator()(bool& v, const Field&) const { v = s.int64(col++) != 0; }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(E& e, const Field&) const { e = enum_or(s.text(col++), e); }
  void operator()(std::vector<std::string>& ids, const Field&) const { ids = split_ids(s.text(col++)); }
  void operator()(YearValue& y, const Field&) const {
    y = YearValue{s.integer(col), s.real(col + 1)};
    col += 2;
  }
  void operator()(std::optional<YearValue>& y, const Field&) const {
    if (!s.is_null(col)) y = YearValue{s.integer(col), s.real(col + 1)};
    col += 2;
  }
  void operator()(std::vector<SeriesPoint>&, const Field&) const {}
};

template <class T>
void insert_rows(Database& db, const std::vector<T>& items, const std::string& page) {
  std::string params;
  for (std::size_t i = 0; i < columns<T>().size() + 2; ++i)
    params += (i ? ",?" : "?") + std::to_string(i + 1);
  Statement s = db.prepare("INSERT INTO " + table<T>() + "(page, ord, " + column_list<T>() + ") VALUES(" +
                           params + ")");
  int ord = 0;
  for (const auto& item : items) {
    s.bind_all(page, ord++);
    int index = 2;
    fields(item, BindFields{s, index});
    s.run();
  }
}

template <class T>
void read_rows(const Database& db, std::vector<T>& out) {
  Statement s = db.prepare("SELECT " + column_list<T>() + " FROM " + table<T>() + " ORDER BY ord, id");
  while (s.step()) {
    T item;
    int col = 0;
    fields(item, ReadFields{s, col});
    out.push_back(std::move(item));
  }
}

// Meta lives in the key/value table `meta`, one row per column name ("title_zh", "sample" ...).
struct MetaRows {
  std::vector<std::pair<std::string, std::optional<std::string>>>& out;
  void operator()(const LocalText& t, const Field& f) const {
    out.emplace_back(stem(f) + "_zh", t.zh);
    out.emplace_back(stem(f) + "_en", t.en);
  }
  void operator()(bool b, const Field& f) const { out.emplace_back(stem(f), b ? "1" : "0"); }
  void operator()(const std::optional<UnixSeconds>& t, const Field& f) const {
    out.emplace_back(stem(f), t ? std::optional(std::to_string(*t)) : std::nullopt);
  }
  void operator()(const DateMap& dates, const Field& f) const {
    std::string lines;  // "date=hours" lines
    for (const auto& [date, text] : dates) lines += date + "=" + text + "\n";
    out.emplace_back(stem(f), lines);
  }
};

struct ReadMeta {
  const std::map<std::string, std::string>& rows;
  const std::string* find(const std::string& key) const {
    auto it = rows.find(key);
    return it == rows.end() ? nullptr : &it->second;
  }
  void operator()(LocalText& t, const Field& f) const {
    if (auto* v = find(stem(f) + "_zh")) t.zh = *v;
    if (auto* v = find(stem(f) + "_en")) t.en = *v;
  }
  void operator()(bool& b, const Field& f) const {
    if (auto* v = find(stem(f))) b = *v == "1";
  }
  void operator()(std::optional<UnixSeconds>& t, const Field& f) const {
    auto* v = find(stem(f));
    if (v == nullptr) return;
    try {
      t = std::stoll(*v);
    } catch (const std::exception&) {
      t.reset();  // a hand-edited database; the anchor only shifts sample dates
    }
  }
  void operator()(DateMap& dates, const Field& f) const {
    const std::string* lines = find(stem(f));
    if (lines == nullptr) return;
    for (std::size_t at = 0, end; at < lines->size(); at = end + 1) {
      end = lines->find('\n', at);
      if (end == std::string::npos) end = lines->size();
      const std::string line = lines->substr(at, end - at);
      if (const auto eq = line.find('='); eq != std::string::npos)
        dates.emplace_back(line.substr(0, eq), line.substr(eq + 1));
    }
  }
};

// Search entries get their rowid from search_rows, so they can be deleted by item later.
// (Not INSERT ... RETURNING: in SQLite 3.40 that costs ~100 us a row, 2 s for 20,000 items.)
struct SearchWriter {
  explicit SearchWriter(Database& db)
      : db_(db),
        rows(db.prepare("INSERT INTO search_rows(kind, item_id) VALUES(?1, ?2)")),
        search(db.prepare("INSERT INTO search(rowid, kind, item_id, body) VALUES(?1, ?2, ?3, ?4)")) {}
  void add(const char* kind, const std::string& id, const std::string& body) {
    rows.bind_all(kind, id);
    rows.run();
    search.bind_all(static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_.raw())), kind, id, body);
    search.run();
  }
  Database& db_;
  Statement rows, search;
};

}  // namespace

void insert_items(Database& db, const Content& c, const std::string& page) {
  for_each_collection(c, [&](const auto& items) { insert_rows(db, items, page); });
  Statement series = db.prepare("INSERT INTO indicator_series VALUES(?1,?2,?3,?4,?5)");
  for (const auto& x : c.indicators) {
    int point = 0;
    for (const auto& p : x.series) {
      series.bind_all(x.id, point++, p.period, p.value, p.sample);
      series.run();
    }
  }
  SearchWriter search(db);
  for (const auto& x : c.events) search.add("event", x.id, searchable_text(x));
  for (const auto& x : c.resources) search.add("resource", x.id, searchable_text(x));
}

void write_meta(Database& db, const Meta& meta) {
  std::vector<std::pair<std::string, std::optional<std::string>>> rows;
  fields(meta, MetaRows{rows});
  Statement put = db.prepare("INSERT OR REPLACE INTO meta VALUES(?1, ?2)");
  Statement drop = db.prepare("DELETE FROM meta WHERE key = ?1");
  for (const auto& [key, value] : rows) {
    if (value) {
      put.bind_all(key, *value);
      put.run();
    } else {
      drop.bind_all(key);
      drop.run();
    }
  }
}

void replace_images(Database& db, const std::vector<ImageRef>& images) {
  db.exec("DELETE FROM images");
  Statement s = db.prepare("INSERT OR REPLACE INTO images VALUES(?1,?2,?3,?4,?5)");
  for (const auto& x : images) {
    s.bind_all(x.name, x.sha256, x.bytes, x.width, x.height);
    s.run();
  }
}

void delete_all_content(Database& db) {
  db.exec(
      "DELETE FROM indicator_series; DELETE FROM indicators; DELETE FROM events; DELETE FROM desks;"
      "DELETE FROM resources; DELETE FROM notices; DELETE FROM spaces; DELETE FROM images;"
      "DELETE FROM search; DELETE FROM search_rows;");
}

void delete_page(Database& db, const std::string& page) {
  // Search entries first, while the rows still say which items the page held.
  for (const char* kind : {"event", "resource"}) {
    const std::string table = std::string(kind) + "s";
    Statement ids = db.prepare("SELECT r.rowid FROM search_rows r JOIN " + table +
                               " t ON t.id = r.item_id WHERE r.kind = ?1 AND t.page = ?2");
    Statement del_search = db.prepare("DELETE FROM search WHERE rowid = ?1");
    Statement del_row = db.prepare("DELETE FROM search_rows WHERE rowid = ?1");
    ids.bind_all(kind, page);
    std::vector<std::int64_t> rowids;
    while (ids.step()) rowids.push_back(ids.int64(0));
    for (std::int64_t rowid : rowids) {
      del_search.bind_all(rowid);
      del_search.run();
      del_row.bind_all(rowid);
      del_row.run();
    }
  }
  db.prepare("DELETE FROM indicator_series WHERE indicator_id IN (SELECT id FROM indicators WHERE page = ?1)")
      .bind_all(page)
      .run();
  for (Collection c : kAllCollections) {
    if (c == Collection::meta) continue;
    db.prepare("DELETE FROM " + std::string(collection_name(c)) + " WHERE page = ?1").bind_all(page).run();
  }
}

std::vector<std::string> stored_pages(const Database& db) {
  std::vector<std::string> pages;
  std::string sql;
  for (Collection c : kAllCollections) {
    if (c == Collection::meta) continue;
    sql += std::string(sql.empty() ? "" : " UNION ") + "SELECT DISTINCT page FROM " +
           std::string(collection_name(c));
  }
  Statement s = db.prepare(sql);
  while (s.step()) pages.push_back(s.text(0));
  return pages;
}

Content read_content(const Database& db) {
  Content c;
  {
    std::map<std::string, std::string> rows;
    Statement s = db.prepare("SELECT key, value FROM meta");
    while (s.step()) rows.emplace(s.text(0), s.text(1));
    fields(c.meta, ReadMeta{rows});
  }
  for_each_collection(c, [&](auto& items) { read_rows(db, items); });
  {
    Statement series =
        db.prepare("SELECT period, value, sample FROM indicator_series WHERE indicator_id = ?1 ORDER BY ord");
    for (auto& x : c.indicators) {
      series.bind_all(x.id);
      while (series.step())
        x.series.push_back(SeriesPoint{series.text(0), series.real(1), series.int64(2) != 0});
      series.reset();
    }
  }
  {
    Statement s = db.prepare("SELECT name, sha256, bytes, width, height FROM images ORDER BY name");
    while (s.step())
      c.images.push_back(ImageRef{s.text(0), s.text(1), s.int64(2), s.integer(3), s.integer(4)});
  }
  return c;
}

void write_version(Database& db, const VersionInfo& v) {
  Statement s = db.prepare("INSERT OR REPLACE INTO meta VALUES(?1, ?2)");
  const auto put = [&](const char* key, const std::string& value) {
    s.bind_all(key, value);
    s.run();
  };
  put("version", std::to_string(v.version));
  put("origin", v.origin);
  put("published_at", std::to_string(v.published_at));
  put("applied_at", std::to_string(v.applied_at));
  put("manifest_sha256", v.manifest_sha256);
}

VersionInfo read_version(const Database& db) {
  VersionInfo v;
  Statement s = db.prepare(
      "SELECT key, value FROM meta WHERE key IN "
      "('version','origin','published_at','applied_at','manifest_sha256')");
  const auto number = [](const std::string& text) {
    try {
      return static_cast<std::int64_t>(std::stoll(text));
    } catch (...) {
      return std::int64_t{0};
    }
  };
  while (s.step()) {
    const std::string key = s.text(0);
    const std::string value = s.text(1);
    if (key == "version")
      v.version = number(value);
    else if (key == "origin")
      v.origin = value;
    else if (key == "published_at")
      v.published_at = number(value);
    else if (key == "applied_at")
      v.applied_at = number(value);
    else
      v.manifest_sha256 = value;
  }
  return v;
}

void create_content_tables(Database& db) {
  for_each_collection(kNoContent, [&](const auto& items) {
    using T = typename std::decay_t<decltype(items)>::value_type;
    std::string sql = "CREATE TABLE " + table<T>() + "(page TEXT NOT NULL, ord INTEGER NOT NULL";
    for (const auto& c : columns<T>()) sql += ", " + c.declaration + (c.name == "id" ? " PRIMARY KEY" : "");
    db.exec(sql + ") WITHOUT ROWID");
  });
}

std::vector<std::string> content_table_changes(const Database& db) {
  std::vector<std::string> changes;
  for_each_collection(kNoContent, [&](const auto& items) {
    using T = typename std::decay_t<decltype(items)>::value_type;
    std::set<std::string> present;
    Statement info = db.prepare("SELECT name FROM pragma_table_info(?1)");
    info.bind_all(table<T>());
    while (info.step()) present.insert(info.text(0));
    if (present.empty()) return;  // not created yet (an older schema step)
    std::set<std::string> wanted = {"page", "ord"};
    for (const auto& c : columns<T>()) {
      wanted.insert(c.name);
      if (!present.count(c.name))
        changes.push_back("ALTER TABLE " + table<T>() + " ADD COLUMN " + c.declaration);
    }
    // A field that is gone: its column would only hold stale data (and block inserts without it).
    for (const auto& name : present) {
      if (!wanted.count(name)) changes.push_back("ALTER TABLE " + table<T>() + " DROP COLUMN " + name);
    }
  });
  return changes;
}

void rebuild_search_index(Database& db) {
  db.exec("DELETE FROM search; DELETE FROM search_rows;");
  const Content c = read_content(db);
  SearchWriter search(db);
  for (const auto& e : c.events) search.add("event", e.id, searchable_text(e));
  for (const auto& r : c.resources) search.add("resource", r.id, searchable_text(r));
}

}  // namespace kiosk::store

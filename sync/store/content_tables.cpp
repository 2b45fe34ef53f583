#include "sync/store/content_tables.hpp"

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

LocalText text_at(const Statement& s, int col) {
  return LocalText{s.text(col), s.text(col + 1)};
}

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

constexpr const char* kTables[] = {"spaces", "events", "desks", "resources", "indicators", "notices"};

}  // namespace

void insert_items(Database& db, const Content& c, const std::string& page) {
  SearchWriter search(db);
  {
    Statement s = db.prepare("INSERT INTO spaces VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)");
    int ord = 0;
    for (const auto& x : c.spaces) {
      s.bind_all(x.id, page, ord++, x.name.zh, x.name.en, x.address.zh, x.address.en, x.hours.zh, x.hours.en,
                 x.description.zh, x.description.en, join_ids(x.kiosk_ids), x.booking_url, x.sample);
      s.run();
    }
  }
  {
    Statement s = db.prepare(
        "INSERT INTO events VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,"
        "?20,?21,?22,?23,?24,?25,?26)");
    int ord = 0;
    for (const auto& x : c.events) {
      s.bind_all(x.id, page, ord++, x.space_id, to_string(x.category), x.title.zh, x.title.en, x.summary.zh,
                 x.summary.en, x.body.zh, x.body.en, x.venue.zh, x.venue.en, x.organiser.zh, x.organiser.en,
                 x.start, x.end, x.registration_url, x.poster, x.capacity, x.registered, to_string(x.status),
                 x.status_note.zh, x.status_note.en, x.keywords, x.sample);
      s.run();
      search.add("event", x.id, searchable_text(x));
    }
  }
  {
    Statement s = db.prepare("INSERT INTO desks VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)");
    int ord = 0;
    for (const auto& x : c.desks) {
      s.bind_all(x.id, page, ord++, x.space_id, x.zone.zh, x.zone.en, x.label, to_string(x.kind),
                 to_string(x.status), x.status_at, x.max_age_s, x.until, x.booking_url, x.sample);
      s.run();
    }
  }
  {
    Statement s = db.prepare(
        "INSERT INTO resources VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
        "?19,?20,?21,?22,?23)");
    int ord = 0;
    for (const auto& x : c.resources) {
      s.bind_all(x.id, page, ord++, to_string(x.category), x.name.zh, x.name.en, x.summary.zh, x.summary.en,
                 x.provider.zh, x.provider.en, x.location.zh, x.location.en, x.hours.zh, x.hours.en,
                 x.contact.zh, x.contact.en, x.booking.zh, x.booking.en, x.booking_url, x.voucher_eligible,
                 x.keywords, x.image, x.sample);
      s.run();
      search.add("resource", x.id, searchable_text(x));
    }
  }
  {
    Statement s = db.prepare(
        "INSERT INTO indicators VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)");
    Statement series = db.prepare("INSERT INTO indicator_series VALUES(?1,?2,?3,?4,?5)");
    int ord = 0;
    for (const auto& x : c.indicators) {
      std::optional<int> base_year;
      std::optional<double> base_value;
      if (x.baseline) base_year = x.baseline->year, base_value = x.baseline->value;
      s.bind_all(x.id, page, ord++, to_string(x.group), x.name.zh, x.name.en, x.unit.zh, x.unit.en,
                 x.source.zh, x.source.en, x.note.zh, x.note.en, to_string(x.direction), base_year,
                 base_value, x.target.year, x.target.value, x.decimals, x.weight);
      s.run();
      int point = 0;
      for (const auto& p : x.series) {
        series.bind_all(x.id, point++, p.period, p.value, p.sample);
        series.run();
      }
    }
  }
  {
    Statement s = db.prepare("INSERT INTO notices VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
    int ord = 0;
    for (const auto& x : c.notices) {
      s.bind_all(x.id, page, ord++, to_string(x.priority), x.title.zh, x.title.en, x.body.zh, x.body.en,
                 x.starts, x.ends, join_ids(x.kiosk_ids));
      s.run();
    }
  }
}

void write_meta(Database& db, const Meta& meta) {
  db.prepare("INSERT OR REPLACE INTO meta VALUES('title_zh', ?1)").bind_all(meta.title.zh).run();
  db.prepare("INSERT OR REPLACE INTO meta VALUES('title_en', ?1)").bind_all(meta.title.en).run();
  db.prepare("INSERT OR REPLACE INTO meta VALUES('sample', ?1)").bind_all(meta.sample ? "1" : "0").run();
  std::string hours;  // "date=hours" lines
  for (const auto& [date, text] : meta.display_hours) hours += date + "=" + text + "\n";
  db.prepare("INSERT OR REPLACE INTO meta VALUES('display_hours', ?1)").bind_all(hours).run();
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
  for (const char* table : kTables)
    db.prepare(std::string("DELETE FROM ") + table + " WHERE page = ?1").bind_all(page).run();
}

std::vector<std::string> stored_pages(const Database& db) {
  std::vector<std::string> pages;
  std::string sql;
  for (const char* table : kTables)
    sql += std::string(sql.empty() ? "" : " UNION ") + "SELECT DISTINCT page FROM " + table;
  Statement s = db.prepare(sql);
  while (s.step()) pages.push_back(s.text(0));
  return pages;
}

Content read_content(const Database& db) {
  Content c;
  {
    Statement s = db.prepare(
        "SELECT key, value FROM meta WHERE key IN ('title_zh','title_en','sample','display_hours')");
    while (s.step()) {
      const std::string key = s.text(0);
      if (key == "title_zh") {
        c.meta.title.zh = s.text(1);
      } else if (key == "title_en") {
        c.meta.title.en = s.text(1);
      } else if (key == "sample") {
        c.meta.sample = s.text(1) == "1";
      } else {
        const std::string lines = s.text(1);
        for (std::size_t at = 0, end; at < lines.size(); at = end + 1) {
          end = lines.find('\n', at);
          if (end == std::string::npos) end = lines.size();
          const std::string line = lines.substr(at, end - at);
          if (const auto eq = line.find('='); eq != std::string::npos)
            c.meta.display_hours.emplace_back(line.substr(0, eq), line.substr(eq + 1));
        }
      }
    }
  }
  {
    Statement s = db.prepare(
        "SELECT id, name_zh, name_en, address_zh, address_en, hours_zh, hours_en, description_zh,"
        " description_en, kiosk_ids, booking_url, sample FROM spaces ORDER BY ord, id");
    while (s.step()) {
      Space x;
      x.id = s.text(0);
      x.name = text_at(s, 1);
      x.address = text_at(s, 3);
      x.hours = text_at(s, 5);
      x.description = text_at(s, 7);
      x.kiosk_ids = split_ids(s.text(9));
      x.booking_url = s.text(10);
      x.sample = s.int64(11) != 0;
      c.spaces.push_back(std::move(x));
    }
  }
  {
    Statement s = db.prepare(
        "SELECT id, space_id, category, title_zh, title_en, summary_zh, summary_en, body_zh, body_en,"
        " venue_zh, venue_en, organiser_zh, organiser_en, start, end, registration_url, poster,"
        " capacity, registered, status, status_note_zh, status_note_en, keywords, sample"
        " FROM events ORDER BY ord, id");
    while (s.step()) {
      Event x;
      x.id = s.text(0);
      x.space_id = s.text(1);
      x.category = enum_or(s.text(2), EventCategory::talk);
      x.title = text_at(s, 3);
      x.summary = text_at(s, 5);
      x.body = text_at(s, 7);
      x.venue = text_at(s, 9);
      x.organiser = text_at(s, 11);
      x.start = s.int64(13);
      x.end = s.int64(14);
      x.registration_url = s.text(15);
      x.poster = s.text(16);
      x.capacity = s.integer(17);
      x.registered = s.integer(18);
      x.status = enum_or(s.text(19), EventStatus::scheduled);
      x.status_note = text_at(s, 20);
      x.keywords = s.text(22);
      x.sample = s.int64(23) != 0;
      c.events.push_back(std::move(x));
    }
  }
  {
    Statement s = db.prepare(
        "SELECT id, space_id, zone_zh, zone_en, label, kind, status, status_at, max_age_s, until,"
        " booking_url, sample FROM desks ORDER BY ord, id");
    while (s.step()) {
      Desk x;
      x.id = s.text(0);
      x.space_id = s.text(1);
      x.zone = text_at(s, 2);
      x.label = s.text(4);
      x.kind = enum_or(s.text(5), DeskKind::hot_desk);
      x.status = enum_or(s.text(6), DeskStatus::unknown);
      x.status_at = s.int64(7);
      x.max_age_s = s.integer(8);
      if (!s.is_null(9)) x.until = s.int64(9);
      x.booking_url = s.text(10);
      x.sample = s.int64(11) != 0;
      c.desks.push_back(std::move(x));
    }
  }
  {
    Statement s = db.prepare(
        "SELECT id, category, name_zh, name_en, summary_zh, summary_en, provider_zh, provider_en,"
        " location_zh, location_en, hours_zh, hours_en, contact_zh, contact_en, booking_zh, booking_en,"
        " booking_url, voucher_eligible, keywords, image, sample FROM resources ORDER BY ord, id");
    while (s.step()) {
      Resource x;
      x.id = s.text(0);
      x.category = enum_or(s.text(1), ResourceCategory::platform);
      x.name = text_at(s, 2);
      x.summary = text_at(s, 4);
      x.provider = text_at(s, 6);
      x.location = text_at(s, 8);
      x.hours = text_at(s, 10);
      x.contact = text_at(s, 12);
      x.booking = text_at(s, 14);
      x.booking_url = s.text(16);
      x.voucher_eligible = s.int64(17) != 0;
      x.keywords = s.text(18);
      x.image = s.text(19);
      x.sample = s.int64(20) != 0;
      c.resources.push_back(std::move(x));
    }
  }
  {
    Statement s = db.prepare(
        "SELECT id, grp, name_zh, name_en, unit_zh, unit_en, source_zh, source_en, note_zh, note_en,"
        " direction, baseline_year, baseline_value, target_year, target_value, decimals, weight"
        " FROM indicators ORDER BY ord, id");
    Statement series =
        db.prepare("SELECT period, value, sample FROM indicator_series WHERE indicator_id = ?1 ORDER BY ord");
    while (s.step()) {
      Indicator x;
      x.id = s.text(0);
      x.group = enum_or(s.text(1), IndicatorGroup::input);
      x.name = text_at(s, 2);
      x.unit = text_at(s, 4);
      x.source = text_at(s, 6);
      x.note = text_at(s, 8);
      x.direction = enum_or(s.text(10), Direction::higher);
      if (!s.is_null(11)) x.baseline = YearValue{s.integer(11), s.real(12)};
      x.target = YearValue{s.integer(13), s.real(14)};
      x.decimals = s.integer(15);
      x.weight = s.real(16);
      series.bind_all(x.id);
      while (series.step())
        x.series.push_back(SeriesPoint{series.text(0), series.real(1), series.int64(2) != 0});
      series.reset();
      c.indicators.push_back(std::move(x));
    }
  }
  {
    Statement s = db.prepare(
        "SELECT id, priority, title_zh, title_en, body_zh, body_en, starts, ends, kiosk_ids"
        " FROM notices ORDER BY ord, id");
    while (s.step()) {
      Notice x;
      x.id = s.text(0);
      x.priority = enum_or(s.text(1), NoticePriority::routine);
      x.title = text_at(s, 2);
      x.body = text_at(s, 4);
      x.starts = s.int64(6);
      x.ends = s.int64(7);
      x.kiosk_ids = split_ids(s.text(8));
      c.notices.push_back(std::move(x));
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

void rebuild_search_index(Database& db) {
  db.exec("DELETE FROM search; DELETE FROM search_rows;");
  const Content c = read_content(db);
  SearchWriter search(db);
  for (const auto& e : c.events) search.add("event", e.id, searchable_text(e));
  for (const auto& r : c.resources) search.add("resource", r.id, searchable_text(r));
}

}  // namespace kiosk::store

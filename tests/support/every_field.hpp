#pragma once
// Items with every field set to a value other than its default, built by walking fields.hpp, so a
// test of "every field survives X" covers a field added later without being edited.
#include <string>

#include "sync/content/fields.hpp"

namespace kiosk::test {

struct FillEveryField {
  int& seed;
  std::string word(const content::Field& f) const {
    switch (f.role) {
      case content::Role::url:
        return "https://example.org/" + std::string(f.key);
      case content::Role::id:
      case content::Role::space:
      case content::Role::image:
        return std::string(f.key) + "-" + std::to_string(seed);
      case content::Role::plain:
        break;
    }
    return std::string(f.key) + " 字段 " + std::to_string(seed);
  }
  void operator()(std::string& s, const content::Field& f) const { s = word(f), ++seed; }
  void operator()(content::LocalText& t, const content::Field& f) const {
    t = {word(f) + " 中文", word(f) + " English"};
    ++seed;
  }
  void operator()(content::UnixSeconds& t, const content::Field&) const { t = 1'800'000'000 + 3600 * seed++; }
  void operator()(std::optional<content::UnixSeconds>& t, const content::Field&) const {
    t = 1'800'000'000 + 3600 * seed++;
  }
  void operator()(int& n, const content::Field&) const { n = 7 + seed++; }
  void operator()(double& d, const content::Field&) const { d = 2.5 + seed++; }
  void operator()(bool& b, const content::Field&) const { b = true; }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(E& e, const content::Field&) const {
    e = static_cast<E>(content::enum_count<E>() - 1);  // the last choice: never the default
  }
  void operator()(std::vector<std::string>& ids, const content::Field& f) const {
    ids = {std::string(f.key) + "-a", std::string(f.key) + "-b"};
  }
  void operator()(content::DateMap& dates, const content::Field&) const {
    dates = {{"2027-01-01", "closed"}, {"2027-01-02", "08:00-12:00"}};
  }
  void operator()(content::YearValue& y, const content::Field&) const { y = {2020, 100.0 + seed++}; }
  void operator()(std::optional<content::YearValue>& y, const content::Field&) const {
    y = {2015, 1.0 + seed++};
  }
  void operator()(std::vector<content::SeriesPoint>& s, const content::Field&) const {
    s = {{"2016", 10.0, true}, {"2017", 20.5, false}};
  }
};

template <class T>
T with_every_field(int seed = 1) {
  T item;
  content::fields(item, FillEveryField{seed});
  return item;
}

// A Content holding one such item in every collection (not valid content, but its events and desks
// name its space, so a database with foreign keys takes it).
inline content::Content content_with_every_field() {
  content::Content c;
  int seed = 1;
  content::fields(c.meta, FillEveryField{seed});
  content::for_each_collection(c, [&](auto& items) {
    using T = typename std::decay_t<decltype(items)>::value_type;
    items.push_back(with_every_field<T>(seed += 100));
  });
  c.events[0].space_id = c.desks[0].space_id = c.spaces[0].id;
  return c;
}

}  // namespace kiosk::test

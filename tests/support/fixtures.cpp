#include "tests/support/fixtures.hpp"

#include <cstdlib>

namespace kiosk::test {
using namespace content;

std::filesystem::path source_dir() {
  if (const char* env = std::getenv("KIOSK_SOURCE_DIR")) return env;
  return KIOSK_SOURCE_DIR_DEFAULT;
}

std::vector<std::string> our_program(const std::string& relative_path) {
  std::vector<std::string> argv;
  const char* emulator = std::getenv("KIOSK_TEST_EMULATOR");
  if (emulator == nullptr) emulator = KIOSK_TEST_EMULATOR_DEFAULT;
  if (*emulator != '\0') {
    std::string list = emulator;  // a CMake list: "qemu-aarch64;-L;/x"
    for (std::size_t start = 0, end; start <= list.size(); start = end + 1) {
      end = list.find(';', start);
      if (end == std::string::npos) end = list.size();
      if (end > start) argv.push_back(list.substr(start, end - start));
    }
  }
  const char* dir = std::getenv("KIOSK_BINARY_DIR");
  argv.push_back(std::string(dir != nullptr ? dir : KIOSK_BINARY_DIR_DEFAULT) + "/" + relative_path);
  return argv;
}

std::filesystem::path demo_dir() {
  return source_dir() / "assets" / "demo";
}

UnixSeconds demo_now() {
  return *parse_iso8601("2026-11-30T10:00:00+08:00");
}

Content small_content(UnixSeconds now) {
  Content c;
  c.meta.title = {"测试大厅", "Test hall"};
  c.meta.display_hours = {{"2026-12-31", "08:00-12:00"}, {"2027-01-01", "closed"}};
  c.spaces.push_back(Space{"tjab",
                           {"TjAb 众创空间", "TjAb Maker Space"},
                           {"泰达", "TEDA"},
                           {},
                           {},
                           {"lobby-1"},
                           "https://example.cn/book",
                           "https://example.cn/map/tjab",
                           true});
  c.spaces.push_back(
      Space{"cafe", {"津京互联创业咖啡", "Jin-Jing Cafe"}, {"泰达", "TEDA"}, {}, {}, {}, "", "", true});
  const auto event = [&](std::string id, std::string space, EventCategory cat, std::string zh, std::string en,
                         UnixSeconds start, UnixSeconds end) {
    Event e;
    e.id = std::move(id);
    e.space_id = std::move(space);
    e.category = cat;
    e.title = {std::move(zh), std::move(en)};
    e.venue = {"路演厅", "Roadshow hall"};
    e.organiser = {"泰达科技发展集团", "TEDA S&T Group"};
    e.start = start;
    e.end = end;
    e.registration_url = "https://example.cn/e/" + e.id;
    return e;
  };
  c.events.push_back(event("evt-contest", "tjab", EventCategory::contest, "泰达创业大赛初赛",
                           "TEDA Startup Contest heats", now + 3600, now + 3 * 3600));
  c.events.push_back(event("evt-forum", "cafe", EventCategory::forum, "全球类脑智能高端论坛",
                           "Brain-inspired AI forum", now + 86400, now + 86400 + 7200));
  c.events.push_back(event("evt-past", "tjab", EventCategory::talk, "创新券政策解读",
                           "Innovation voucher explainer", now - 7200, now - 3600));
  const auto desk = [&](std::string id, std::string label, DeskStatus status, UnixSeconds at) {
    Desk d;
    d.id = std::move(id);
    d.space_id = "tjab";
    d.zone = {"二层 A 区", "2F Zone A"};
    d.label = std::move(label);
    d.status = status;
    d.status_at = at;
    return d;
  };
  c.desks.push_back(desk("d1", "A-1", DeskStatus::free, now - 60));
  c.desks.push_back(desk("d2", "A-2", DeskStatus::occupied, now - 60));
  c.desks.push_back(desk("d10", "A-10", DeskStatus::free, now - 7200));  // stale: unknown, never free
  c.desks.push_back(desk("d3", "A-3", DeskStatus::booked, now - 60));
  const auto resource = [](std::string id, ResourceCategory cat, std::string zh, std::string en,
                           std::string keywords, bool voucher) {
    Resource r;
    r.id = std::move(id);
    r.category = cat;
    r.name = {std::move(zh), std::move(en)};
    r.provider = {"泰达", "TEDA"};
    r.keywords = std::move(keywords);
    r.voucher_eligible = voucher;
    return r;
  };
  c.resources.push_back(resource("res-hpc", ResourceCategory::supercomputing, "国家超级计算天津中心",
                                 "National Supercomputer Center in Tianjin", "超算 chaosuan HPC tianhe",
                                 true));
  c.resources.push_back(resource("res-3d", ResourceCategory::prototyping, "3D打印创新服务平台",
                                 "3D Printing Innovation Platform", "dayin prototyping", true));
  c.resources.push_back(
      resource("res-law", ResourceCategory::legal, "创业法律服务", "Startup legal clinic", "falv", false));
  Indicator smes;
  smes.id = "st-smes";
  smes.group = IndicatorGroup::entities;
  smes.name = {"科技型中小企业总数", "Tech SMEs"};
  smes.unit = {"家", "firms"};
  smes.source = {"规划 三（三）2", "Plan 3.3.2"};
  smes.baseline = YearValue{2015, 5576};
  smes.target = YearValue{2020, 10000};
  smes.series = {{"2015", 5576, false}, {"2020", 7800, true}};
  c.indicators.push_back(smes);
  Indicator rd;
  rd.id = "rd-intensity";
  rd.group = IndicatorGroup::input;
  rd.name = {"R&D投入占GDP比重", "R&D intensity"};
  rd.unit = {"%", "%"};
  rd.source = {"规划 三（三）1", "Plan 3.3.1"};
  rd.target = YearValue{2020, 4};
  rd.decimals = 2;
  rd.series = {{"2016", 3.1, true}, {"2020", 3.6, true}};
  c.indicators.push_back(rd);
  Notice routine;
  routine.id = "n-voucher";
  routine.title = {"创新券申报开放", "Innovation voucher applications open"};
  routine.starts = now - 86400;
  routine.ends = now + 10 * 86400;
  c.notices.push_back(routine);
  Notice urgent;
  urgent.id = "n-drill";
  urgent.priority = NoticePriority::urgent;
  urgent.title = {"消防演练", "Fire drill"};
  urgent.starts = now + 2 * 86400;
  urgent.ends = now + 2 * 86400 + 1800;
  c.notices.push_back(urgent);
  return c;
}

void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
}

}  // namespace kiosk::test

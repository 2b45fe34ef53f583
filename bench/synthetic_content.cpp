#include "bench/synthetic_content.hpp"

#include <random>
#include <string>
#include <vector>

namespace kiosk::bench {
using namespace content;

namespace {

struct Phrase {
  const char* zh;
  const char* en;
};

constexpr Phrase kTopics[] = {
    {"创业大赛", "startup contest"},
    {"类脑智能", "brain-inspired AI"},
    {"集成电路设计", "IC design"},
    {"超级计算", "supercomputing"},
    {"生物医药", "biomedicine"},
    {"智能制造", "smart manufacturing"},
    {"知识产权", "intellectual property"},
    {"天使投资", "angel investment"},
    {"孵化器", "incubator"},
    {"众创空间", "maker space"},
    {"科技金融", "tech finance"},
    {"高新技术企业", "high-tech firms"},
    {"创新券", "innovation voucher"},
    {"工艺创新", "process innovation"},
    {"无人装备", "unmanned systems"},
    {"大数据", "big data"},
    {"云计算", "cloud computing"},
    {"信息安全", "information security"},
    {"干细胞", "stem cells"},
    {"医疗器械", "medical devices"},
    {"新能源", "new energy"},
    {"新材料", "new materials"},
    {"技术转移", "technology transfer"},
    {"检验检测", "testing"},
};
constexpr Phrase kForms[] = {
    {"论坛", "forum"},      {"训练营", "boot camp"}, {"路演", "roadshow"},       {"讲座", "talk"},
    {"开放日", "open day"}, {"沙龙", "salon"},       {"精品课", "master class"}, {"对接会", "matchmaking"},
};
constexpr Phrase kPlaces[] = {
    {"泰达", "TEDA"},       {"滨海", "Binhai"}, {"天津", "Tianjin"}, {"京津冀", "Beijing-Tianjin-Hebei"},
    {"开发区", "the zone"},
};

template <class T, std::size_t N>
const T& pick(const T (&items)[N], std::mt19937& rng) {
  return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

}  // namespace

Content synthetic_content(std::size_t events, std::size_t resources, UnixSeconds now, unsigned seed) {
  std::mt19937 rng(seed);
  Content c;
  c.meta.title = {"基准测试", "Benchmark"};
  for (int s = 0; s < 5; ++s) {
    Space space;
    space.id = "space-" + std::to_string(s);
    space.name = {"众创空间 " + std::to_string(s), "Maker space " + std::to_string(s)};
    space.address = {"泰达第" + std::to_string(s) + "大街", "TEDA Street " + std::to_string(s)};
    c.spaces.push_back(space);
  }
  for (std::size_t i = 0; i < events; ++i) {
    const auto& place = pick(kPlaces, rng);
    const auto& topic = pick(kTopics, rng);
    const auto& form = pick(kForms, rng);
    Event e;
    e.id = "evt-" + std::to_string(i);
    e.space_id = "space-" + std::to_string(i % 5);
    e.category = static_cast<EventCategory>(i % enum_count<EventCategory>());
    e.title = {std::string(place.zh) + topic.zh + form.zh,
               std::string(place.en) + " " + topic.en + " " + form.en};
    e.summary = {
        std::string("面向创业团队的") + topic.zh + "专题" + form.zh + "，邀请行业专家分享经验。",
        std::string("A ") + form.en + " on " + topic.en + " for startup teams, with industry experts."};
    e.venue = {"路演厅", "Roadshow hall"};
    e.organiser = {"泰达科技发展集团", "TEDA S&T Development Group"};
    e.start = now + static_cast<UnixSeconds>(i % 60) * kSecondsPerDay + 9 * 3600;
    e.end = e.start + 2 * 3600;
    e.registration_url = "https://example.cn/events/" + e.id;
    e.keywords = std::string(topic.en) + " " + form.en;
    c.events.push_back(std::move(e));
  }
  for (std::size_t i = 0; i < resources; ++i) {
    const auto& topic = pick(kTopics, rng);
    const auto& place = pick(kPlaces, rng);
    Resource r;
    r.id = "res-" + std::to_string(i);
    r.category = static_cast<ResourceCategory>(i % enum_count<ResourceCategory>());
    r.name = {std::string(place.zh) + topic.zh + "公共服务平台",
              std::string(place.en) + " " + topic.en + " platform"};
    r.provider = {"泰达科技发展集团", "TEDA S&T Development Group"};
    r.summary = {std::string("提供") + topic.zh + "相关的仪器共享、检测与咨询服务。",
                 std::string("Shared instruments, testing and advice for ") + topic.en + "."};
    r.location = {"泰达科技园", "TEDA Science Park"};
    r.keywords = topic.en;
    r.voucher_eligible = i % 2 == 0;
    c.resources.push_back(std::move(r));
  }
  return c;
}

}  // namespace kiosk::bench

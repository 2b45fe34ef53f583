#pragma once
// Parsing JSON from outside (content files, feed pages) with a depth limit enforced while parsing:
// nlohmann::json recurses when copying or dumping, so a deeply nested document must be refused
// before it becomes a document at all.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kiosk::content {

class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kMaxJsonDepth = 16;

// Throws JsonError with a message that names the problem ("not valid JSON at byte 120: ...").
nlohmann::json parse_json_limited(std::string_view bytes, int max_depth = kMaxJsonDepth);

}  // namespace kiosk::content

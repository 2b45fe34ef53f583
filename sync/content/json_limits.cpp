#include "sync/content/json_limits.hpp"

namespace kiosk::content {
namespace {
struct TooDeep {};
}  // namespace

nlohmann::json parse_json_limited(std::string_view bytes, int max_depth) {
  auto guard = [max_depth](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (depth > max_depth) throw TooDeep{};
    return true;
  };
  try {
    return nlohmann::json::parse(bytes.begin(), bytes.end(), guard);
  } catch (const TooDeep&) {
    throw JsonError("JSON nested more than " + std::to_string(max_depth) + " levels deep");
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." -> keep the useful tail
    if (auto pos = what.find("parse error"); pos != std::string::npos) what = what.substr(pos);
    throw JsonError("not valid JSON: " + what);
  } catch (const nlohmann::json::out_of_range&) {
    // Thrown while parsing, e.g. for 1e309: a number no double holds (found by tests/fuzz).
    throw JsonError("not valid JSON: a number is too large");
  }
}

}  // namespace kiosk::content

#pragma once
// What validation tells staff: every problem names the file, the item and the field, e.g.
//   events.json: event "evt-031": end: ends before it starts
#include <cstddef>
#include <string>
#include <vector>

namespace kiosk::content {

struct Issue {
  enum class Severity { error, warning };
  Severity severity = Severity::error;
  std::string file;   // "events.json"
  std::string kind;   // "event"
  std::string id;     // "evt-031" (or "#12" when the item has no usable id)
  std::string field;  // "end"
  std::string message;
  std::string to_string() const;
};

class Issues {
 public:
  void error(std::string file, std::string kind, std::string id, std::string field, std::string message);
  void warning(std::string file, std::string kind, std::string id, std::string field, std::string message);
  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  const std::vector<Issue>& all() const { return items_; }
  // The first few errors in one paragraph, for a status line.
  std::string summary(std::size_t max_errors = 3) const;

 private:
  std::vector<Issue> items_;
  std::size_t errors_ = 0;
};

}  // namespace kiosk::content

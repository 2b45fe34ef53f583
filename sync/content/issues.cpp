#include "sync/content/issues.hpp"

namespace kiosk::content {

std::string Issue::to_string() const {
  std::string out = severity == Severity::warning ? "warning: " : "";
  out += file;
  if (!kind.empty()) {
    out += ": " + kind;
    if (!id.empty()) out += " \"" + id + "\"";
  }
  if (!field.empty()) out += ": " + field;
  out += ": " + message;
  return out;
}

void Issues::error(std::string file, std::string kind, std::string id, std::string field,
                   std::string message) {
  items_.push_back({Issue::Severity::error, std::move(file), std::move(kind), std::move(id), std::move(field),
                    std::move(message)});
  ++errors_;
}

void Issues::warning(std::string file, std::string kind, std::string id, std::string field,
                     std::string message) {
  items_.push_back({Issue::Severity::warning, std::move(file), std::move(kind), std::move(id),
                    std::move(field), std::move(message)});
}

std::string Issues::summary(std::size_t max_errors) const {
  std::string out;
  std::size_t shown = 0;
  for (const auto& issue : items_) {
    if (issue.severity != Issue::Severity::error) continue;
    if (shown == max_errors) {
      out += " (and " + std::to_string(errors_ - shown) + " more)";
      break;
    }
    if (shown > 0) out += "; ";
    out += issue.to_string();
    ++shown;
  }
  return out;
}

}  // namespace kiosk::content

#pragma once
// The innovation index: progress of each indicator from its baseline toward its target, group
// scores and a composite. The formula is documented in docs/innovation-index.md so that staff can
// check every figure by hand; keep the two in step.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sync/content/model.hpp"

namespace kiosk::content {

struct IndicatorProgress {
  const Indicator* indicator = nullptr;
  std::optional<double> current;  // latest series value, else the baseline
  std::string current_period;     // "2020", or the baseline year
  bool current_is_sample = false;
  std::optional<double> progress;  // 0..1, clamped; nullopt when there is nothing to measure
};

struct GroupScore {
  IndicatorGroup group = IndicatorGroup::input;
  std::optional<double> score;  // 0..100
  int scored = 0;               // indicators that contributed
  int total = 0;
};

struct IndexScores {
  std::array<GroupScore, 5> groups;
  std::optional<double> composite;  // 0..100
};

IndicatorProgress measure(const Indicator& indicator);
// Raw progress before clamping, for tests and for showing "exceeded" (> 1) on screen.
std::optional<double> raw_progress(const Indicator& indicator, double current);
IndexScores compute_index(const std::vector<Indicator>& indicators);

}  // namespace kiosk::content

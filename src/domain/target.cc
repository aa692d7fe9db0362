#include "domain/target.h"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

namespace ptdv {
namespace {

int DaysBetween(Date from, Date to) {
  return std::max(0, static_cast<int>((to - from).count()));
}

// The segment a case is in, and the day it entered it; nullopt once admitted or closed.
struct Position {
  int segment = 0;
  Date entered{};
};

std::optional<Position> PositionOf(const Case& c) {
  if (IsClosed(c.stage) || c.stage >= Stage::kAdmitted) return std::nullopt;
  switch (c.stage) {
    case Stage::kSource:
    case Stage::kSympathiser:
      return Position{0, c.opened_on};
    case Stage::kCertified:
      return Position{1, std::max(c.opened_on, c.certificate_date.value_or(c.opened_on))};
    case Stage::kDossier:
      return Position{2, c.dossier_date.value_or(c.opened_on)};
    default:  // cell_approved, intermediate_appraised, grassroots_approved
      return Position{3, c.cell_vote_date.value_or(c.opened_on)};
  }
}

}  // namespace

Status CheckSplitSum(const Target& parent, const std::vector<Target>& children,
                     const std::string& parent_org_name) {
  long sum = 0;
  for (const auto& c : children) sum += c.count;
  // §7: the city's target is split among its units; the parts never exceed the whole.
  if (sum > parent.count) {
    return Error::Rule(RuleCode::kTargets, fmt::format("Tổng chỉ tiêu phân bổ cho các đơn vị là {}, vượt chỉ tiêu "
                                         "năm {} của {} ({})",
                                         sum, parent.year, parent_org_name, parent.count),
                       "count");
  }
  if (parent.split_final && sum != parent.count) {
    return Error::Rule(RuleCode::kTargets, fmt::format("Đã chốt phân bổ: tổng chỉ tiêu phân bổ cho các đơn vị "
                                         "({}) phải bằng chỉ tiêu năm {} của {} ({})",
                                         sum, parent.year, parent_org_name, parent.count),
                       "count");
  }
  return Ok();
}

SegmentSamples MeasureSegments(const std::vector<Case>& headers) {
  SegmentSamples out;
  for (const auto& c : headers) {
    if (!c.decision_date) continue;
    if (c.certificate_date) out.days[0].push_back(DaysBetween(c.opened_on, *c.certificate_date));
    if (c.certificate_date && c.dossier_date) {
      out.days[1].push_back(DaysBetween(*c.certificate_date, *c.dossier_date));
    }
    if (c.dossier_date && c.cell_vote_date) {
      out.days[2].push_back(DaysBetween(*c.dossier_date, *c.cell_vote_date));
    }
    if (c.cell_vote_date) out.days[3].push_back(DaysBetween(*c.cell_vote_date, *c.decision_date));
  }
  return out;
}

std::optional<int> LowerMedian(std::vector<int> values) {
  if (values.empty()) return std::nullopt;
  auto middle = values.begin() + static_cast<long>((values.size() - 1) / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

std::optional<int> Percentile(std::vector<int> values, int percent) {
  assert(percent >= 1 && percent <= 100);
  if (values.empty()) return std::nullopt;
  const std::size_t n = values.size();
  const std::size_t rank = (n * static_cast<std::size_t>(percent) + 99) / 100;  // 1-based
  auto at = values.begin() + static_cast<long>(rank - 1);
  std::nth_element(values.begin(), at, values.end());
  return *at;
}

SegmentMedians ChooseMedians(const SegmentSamples& own, const SegmentSamples& city,
                             const RuleSet& rules, int min_samples) {
  const int defaults[kForecastSegments] = {rules.forecast_certificate_days,
                                           rules.forecast_dossier_days,
                                           rules.forecast_cell_vote_days,
                                           rules.forecast_decision_days};
  SegmentMedians out;
  for (int i = 0; i < kForecastSegments; ++i) {
    if (static_cast<int>(own.days[i].size()) >= min_samples) {
      out.days[i] = *LowerMedian(own.days[i]);
      out.source[i] = "org";
    } else if (static_cast<int>(city.days[i].size()) >= min_samples) {
      out.days[i] = *LowerMedian(city.days[i]);
      out.source[i] = "city";
    } else {
      out.days[i] = defaults[i];
      out.source[i] = "default";
    }
  }
  return out;
}

std::optional<Date> ExpectedAdmission(const Case& header, const SegmentMedians& medians,
                                      Date today) {
  auto position = PositionOf(header);
  if (!position) return std::nullopt;
  int days = std::max(0, medians.days[position->segment] - DaysBetween(position->entered, today));
  for (int i = position->segment + 1; i < kForecastSegments; ++i) days += medians.days[i];
  return today + std::chrono::days(days);
}

}  // namespace ptdv

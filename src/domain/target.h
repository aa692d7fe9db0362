#pragma once

// Yearly admission targets (chỉ tiêu, DOMAIN §7) and the forecast of how many open cases will be
// admitted by the end of the year (the targets page). Pure: the service loads the targets and
// the case headers, these functions decide and count.

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/model.h"
#include "domain/result.h"
#include "domain/rule_set.h"

namespace ptdv {

// §7: a target per year and organisation, optionally per source category, set by a resolution
// (legal_basis, e.g. "Nghị quyết 14-NQ/TU"). The city's target is split among its wards: each
// split names its parent target, lies below the parent's unit, has the same year and category,
// and the splits of one parent add up to at most the parent's count — exactly the count once the
// city marks the split final (split_final on the parent).
struct Target {
  Id id = 0;
  Id org_id = 0;
  int year = 0;
  std::optional<SourceCategory> category;  // none: all categories
  int count = 0;
  std::string legal_basis;
  std::optional<Id> parent_id;  // the target this one is a split of
  bool split_final = false;     // on a parent: its splits must add up to exactly `count`
  int version = 1;
};

// Checks the splits of `parent` after a change: `children` are all of its splits as they would
// be stored. kRuleViolation (rule "§7") naming the numbers when their sum exceeds the parent's
// count, or differs from it while the parent's split is final.
Status CheckSplitSum(const Target& parent, const std::vector<Target>& children,
                     const std::string& parent_org_name);

// The forecast: a case is admitted when the admission decision (S12) is recorded. The
// way there is cut into four segments, each measured in calendar days between the key dates on
// the case header:
//   kCertificate  opened_on        → certificate_date   (S0-S1)
//   kDossier      certificate_date → dossier_date       (S2-S8)
//   kCellVote     dossier_date     → cell_vote_date     (S9)
//   kDecision     cell_vote_date   → decision_date      (S10-S12)
// A negative span (a certificate older than the case) counts as 0.
enum class ForecastSegment { kCertificate, kDossier, kCellVote, kDecision };
inline constexpr int kForecastSegments = 4;

// Median days per segment, and where each came from.
struct SegmentMedians {
  int days[kForecastSegments] = {};
  // "org", "city" or "default", per segment.
  std::string source[kForecastSegments];
};

// Durations of each segment over the admitted cases of `headers` (those with a decision date;
// only segments whose two dates are known). Lower median: the ((n-1)/2)-th smallest.
struct SegmentSamples {
  std::vector<int> days[kForecastSegments];
};
SegmentSamples MeasureSegments(const std::vector<Case>& headers);
std::optional<int> LowerMedian(std::vector<int> values);
// The nearest-rank percentile (1..100): the ceil(percent/100 · n)-th smallest value; nullopt
// when empty. Percentile(v, 90) is the 90th percentile of the dashboards' step durations.
std::optional<int> Percentile(std::vector<int> values, int percent);

// Per segment: the organisation's own median when it has at least `min_samples` measurements,
// else the city's when it has, else the rule set's default (forecast_*_days, [?]).
SegmentMedians ChooseMedians(const SegmentSamples& own, const SegmentSamples& city,
                             const RuleSet& rules, int min_samples);

// The expected admission date of an open case on `today`: today plus, for the segment the case
// is in, its median less the days already spent in it (at least 0), plus the medians of the
// segments after it. nullopt for a case that is closed or already admitted (stage ≥ admitted).
std::optional<Date> ExpectedAdmission(const Case& header, const SegmentMedians& medians,
                                      Date today);

}  // namespace ptdv

#pragma once

// The pool of sources (nguồn phát triển đảng viên, DOMAIN S0): the outstanding non-members a
// cell has chosen (stage source) and those it has put on its sympathiser list by resolution with
// an assigned helping member (stage sympathiser). The superior committee reviews each list
// periodically (S0, "monthly": the rule-set parameter source_review_interval_months [?]).
// Pure: the service loads cases, events and reviews; these functions read them.

#include <optional>
#include <string>

#include "domain/date.h"
#include "domain/model.h"
#include "domain/workflow.h"

namespace ptdv {

// A recorded review of the list of sources of a unit (S0). It covers every case whose cell lies
// in the unit's subtree.
struct SourceReview {
  Id id = 0;
  Id org_id = 0;
  Date reviewed_on{};
  std::string note;
  std::string actor;        // login of the user who recorded it
  std::string recorded_at;  // ISO timestamp of entry
};

// Whether a case at `stage` belongs to the pool of sources (S0): source or sympathiser.
bool InSourcePool(Stage stage);

// What the events of a case say about its place on the sympathiser list (S0).
struct SourceFacts {
  // The date of the cell's resolution putting the person on the sympathiser list (the
  // mark_sympathiser event), if recorded.
  std::optional<Date> sympathiser_resolution_on;
  // The helping member (đảng viên được phân công giúp đỡ): the member named by the latest
  // mark_sympathiser or assign_helper event, if any.
  std::optional<Id> helper_person_id;
};
SourceFacts SourceFactsOf(const CaseHistory& history);

// S0: when the review of a case's list next falls due: `interval_months` calendar months after
// the last review covering it, or, never reviewed, after the case entered the pool
// (`opened_on`). Overdue when the due date is before `on`.
Date SourceReviewDueOn(std::optional<Date> last_review_on, Date opened_on, int interval_months);

}  // namespace ptdv

#include "domain/source_pool.h"

namespace ptdv {

bool InSourcePool(Stage stage) { return stage == Stage::kSource || stage == Stage::kSympathiser; }

SourceFacts SourceFactsOf(const CaseHistory& history) {
  SourceFacts facts;
  for (const CaseEvent& e : history.events) {
    if (e.action == Action::kMarkSympathiser) facts.sympathiser_resolution_on = e.date;
    if ((e.action == Action::kMarkSympathiser || e.action == Action::kAssignHelper) &&
        e.member_person_id) {
      facts.helper_person_id = e.member_person_id;
    }
  }
  return facts;
}

Date SourceReviewDueOn(std::optional<Date> last_review_on, Date opened_on, int interval_months) {
  return AddMonths(last_review_on.value_or(opened_on), interval_months);
}

}  // namespace ptdv

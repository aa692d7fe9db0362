#pragma once

// Use cases of the pool of sources (nguồn phát triển đảng viên, DOMAIN S0): the cases
// at stage source or sympathiser of an organisation's subtree with the cell's sympathiser
// resolution, the helping member and the state of the periodic review of the lists, the pool
// per source category against what the targets still need (TargetService), and recording a
// review. Each use case is one transaction; recording is authorised (write_people and the unit
// in the actor's scope) and audited in it.

#include <optional>
#include <string>
#include <vector>

#include "domain/source_pool.h"
#include "service/actor.h"
#include "service/clock.h"
#include "service/org_service.h"
#include "service/target_service.h"
#include "storage/store.h"

namespace ptdv {

enum class ReviewFilter { kAny, kOverdue };

struct SourceQuery {
  std::optional<SourceCategory> category;
  std::string text;  // part of the person's name, with or without diacritics
  ReviewFilter review = ReviewFilter::kAny;
  Date on{};  // the tree, the reviews and "overdue" are judged on this day
};

struct SourceItem {
  Case header;
  Person person;  // as stored: the caller redacts
  Organisation cell;
  SourceFacts facts;
  std::optional<Person> helper;
  std::optional<Date> last_review_on;  // the latest review covering the case's cell, up to `on`
  Date review_due_on{};                // SourceReviewDueOn
  bool review_overdue = false;         // review_due_on < on
};

struct SourceCategoryLine {
  SourceCategory category = SourceCategory::kOther;
  int sources = 0;            // stage source
  int sympathisers = 0;       // stage sympathiser
  std::optional<int> target;  // the unit's target of the year of `on` for the category
  int admitted = 0;
  int forecast = 0;
  std::optional<int> needed;  // max(0, target − admitted − forecast) when there is a target
};

struct SourcePool {
  Organisation org;
  std::vector<SourceItem> items;  // the query's filters applied; by cell code, then name
  std::vector<SourceCategoryLine> by_category;  // every category, over the whole pool
  int review_interval_months = 1;               // S0 [?] of the rule set in force on `on`
};

struct SourceReviewRow {
  SourceReview review;
  std::string org_code;
  std::string org_name;
};

// Thread-safe if the Store is; holds no mutable state of its own.
class SourceService {
 public:
  // Everything must outlive the service.
  SourceService(Store& store, TargetService& targets, std::vector<RuleSet> rule_sets,
                const Clock& clock);

  // The pool of the subtree of `org_id` as of query.on (read_cases). kNotFound for an unknown
  // unit, kForbidden outside the scope.
  Result<SourcePool> List(const Actor& actor, Id org_id, const SourceQuery& query);

  // Records the review of the list of sources of `org_id` held on `reviewed_on` (S0;
  // write_people). kInvalid (field) for a date in the future or when the unit did not exist,
  // for a unit that keeps no list (only grassroots, intermediate committees and cells do) or a
  // note over 2,000 characters; kNotFound for an unknown unit; kForbidden outside the scope.
  // Audited "source.review" in the same transaction.
  Result<SourceReview> RecordReview(const Actor& actor, Id org_id, Date reviewed_on,
                                    std::string note);

  // The reviews recorded for `org_id` and the units of its subtree (read_cases), newest first.
  Result<std::vector<SourceReviewRow>> ListReviews(const Actor& actor, Id org_id);

  // The same for the unit `which` names; errors as ChosenOrganisation besides. RecordReview
  // answers the review with its unit's code and name: a unit that cannot be read is an error,
  // never an empty name.
  Result<SourcePool> List(const Actor& actor, const OrgChoice& which, const SourceQuery& query);
  Result<SourceReviewRow> RecordReview(const Actor& actor, const OrgChoice& which, Date reviewed_on,
                                       std::string note);
  Result<std::vector<SourceReviewRow>> ListReviews(const Actor& actor, const OrgChoice& which);

 private:
  Store& store_;
  TargetService& targets_;
  std::vector<RuleSet> rule_sets_;
  const Clock& clock_;
};

}  // namespace ptdv

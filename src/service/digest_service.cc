#include "service/digest_service.h"

#include <algorithm>
#include <map>

#include "service/calendar_provider.h"

namespace ptdv {

DigestService::DigestService(Store& store, CaseService& cases,
                             MassOrganisationService& mass_organisations)
    : store_(store), cases_(cases), mass_organisations_(mass_organisations) {}

Result<Digest> DigestService::For(const Actor& actor, const OrgChoice& which, Date on) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  Digest digest{.on = on};
  PTDV_ASSIGN_OR_RETURN(digest.org, ChosenOrganisation(store_, actor, which));
  // The previous working day: a Monday's digest covers the weekend.
  const WorkingCalendar& calendar = cases_.calendars().Current();
  digest.since = on - std::chrono::days(1);
  while (!calendar.IsWorkingDay(digest.since) && digest.since > on - std::chrono::days(30)) {
    digest.since -= std::chrono::days(1);
  }
  PTDV_ASSIGN_OR_RETURN(std::vector<DeadlineRow> rows,
                        cases_.DeadlinesFor(actor, digest.org.id, on));
  for (DeadlineRow& row : rows) {
    if (row.deadline.status == DeadlineStatus::kOverdue) {
      if (row.deadline.due >= digest.since) ++digest.newly_overdue;
      digest.overdue.push_back(std::move(row));
    } else if (row.deadline.status == DeadlineStatus::kDueSoon) {
      digest.due_soon.push_back(std::move(row));
    }
  }
  const OrgChoice unit{.code = digest.org.code, .field = which.field};
  PTDV_ASSIGN_OR_RETURN(digest.nominations_waiting,
                        mass_organisations_.Nominations(actor, unit, NominationStatus::kWaiting));

  // The opinions given since the previous working day on the unit's dossiers.
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  CaseFilter filter{.stage = Stage::kDossier, .limit = 10'000'000};
  PTDV_ASSIGN_OR_RETURN(filter.cell_ids, tx->Organisations().SubtreeIds(digest.org.id, on));
  if (filter.cell_ids.empty()) return digest;
  PTDV_ASSIGN_OR_RETURN(std::vector<Case> dossiers, tx->Cases().List(filter));
  std::vector<Id> case_ids;
  std::map<Id, const Case*> by_id;
  for (const Case& c : dossiers) {
    case_ids.push_back(c.id);
    by_id[c.id] = &c;
  }
  PTDV_ASSIGN_OR_RETURN(auto opinions, tx->MassOrganisations().OpinionsOnCases(case_ids));
  std::vector<Case> headers;
  for (const Opinion& o : opinions) {
    if (o.given_on < digest.since || o.given_on > on) continue;
    PTDV_ASSIGN_OR_RETURN(MassOrganisation organisation,
                          tx->MassOrganisations().Get(o.mass_organisation_id));
    digest.opinions.push_back(
        {.header = *by_id.at(o.case_id), .opinion = o, .organisation = std::move(organisation)});
    headers.push_back(*by_id.at(o.case_id));
  }
  PTDV_ASSIGN_OR_RETURN(auto people, tx->Cases().PeopleOf(headers));
  for (std::size_t i = 0; i < digest.opinions.size(); ++i) {
    if (people[i]) digest.opinions[i].person_name = people[i]->full_name;
  }
  std::stable_sort(digest.opinions.begin(), digest.opinions.end(),
                   [](const DigestOpinion& a, const DigestOpinion& b) {
                     return a.opinion.given_on > b.opinion.given_on;
                   });
  return digest;
}

}  // namespace ptdv

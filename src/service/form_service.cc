#include "service/form_service.h"

#include <set>

#include "storage/not_found.h"

namespace ptdv {

Result<CaseFormFacts> FormService::CaseFacts(const Actor& actor, Id case_id) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(
      CaseRecord record,
      FoundInScope(*tx, actor, tx->Cases().GetRecord(case_id), NotFoundError(kCaseNoun, case_id),
                   [](const CaseRecord& r) { return r.header.cell_id; }));
  if (DisclosureFor(actor) != Disclosure::kPersonal) {
    return Error::Forbidden(
        "Văn bản in của hồ sơ có thông tin cá nhân: chỉ người được xem thông tin cá nhân mới in "
        "được");
  }
  CaseFormFacts facts{.record = std::move(record), .today = clock_.Today()};
  PTDV_ASSIGN_OR_RETURN(facts.person, tx->People().Get(facts.record.header.person_id));
  PTDV_ASSIGN_OR_RETURN(facts.chain, tx->Organisations().Ancestors(facts.record.header.cell_id));
  std::set<Id> members;
  for (const CaseEvent& event : facts.record.events) {
    if (event.member_person_id) members.insert(*event.member_person_id);
  }
  if (!members.empty()) {
    PTDV_ASSIGN_OR_RETURN(std::vector<Person> people,
                          tx->People().GetMany({members.begin(), members.end()}));
    for (const Person& p : people) facts.member_names[p.id] = p.full_name;
  }
  return facts;
}

}  // namespace ptdv

// ReportService::NewMembersIn: the hand-off list of new members (service/report_service.h).

#include <algorithm>
#include <map>

#include "domain/search_key.h"
#include "service/report_service.h"

namespace ptdv {
namespace {

bool Within(const std::optional<Date>& date, Date from, Date to) {
  return date && from <= *date && *date <= to;
}

// The number of the document `form` recorded on the latest step of `action`, or "".
std::string NumberOf(const CaseRecord& record, Action action, std::string_view form) {
  std::string number;
  for (const CaseEvent& e : record.events) {
    if (e.action != action) continue;
    for (const Document& d : e.documents) {
      if (d.form_code == form && !d.number.empty()) number = d.number;
    }
  }
  return number;
}

}  // namespace

Result<NewMembers> ReportService::NewMembersIn(const Actor& actor, const OrgChoice& which,
                                               Date from, Date to) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  if (DisclosureFor(actor) != Disclosure::kPersonal) {
    return Error::Forbidden(
        "Danh sách có thông tin cá nhân: chỉ người được xem thông tin cá nhân mới xuất được");
  }
  if (from > to) return Error::Invalid("Ngày bắt đầu sau ngày kết thúc", "from");
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(*tx, actor, which));
  PTDV_ASSIGN_OR_RETURN(std::vector<Id> units, tx->Organisations().SubtreeIds(org.id, to));
  PTDV_ASSIGN_OR_RETURN(std::vector<Case> all,
                        tx->Cases().List({.cell_ids = units, .limit = 10'000'000}));
  std::vector<Case> chosen;
  for (Case& c : all) {
    const bool admitted = Within(c.decision_date, from, to) && c.stage != Stage::kCancelled;
    const bool recognised = Within(c.official_date, from, to) && c.stage == Stage::kOfficial;
    if (admitted || recognised) chosen.push_back(std::move(c));
  }
  PTDV_ASSIGN_OR_RETURN(std::vector<CaseRecord> records,
                        tx->Cases().LoadRecords(std::move(chosen), EventDocuments::kLoad));
  std::vector<Id> person_ids, cell_ids;
  for (const CaseRecord& r : records) {
    person_ids.push_back(r.header.person_id);
    cell_ids.push_back(r.header.cell_id);
  }
  PTDV_ASSIGN_OR_RETURN(std::vector<Person> people, tx->People().GetMany(person_ids));
  PTDV_ASSIGN_OR_RETURN(std::vector<Organisation> chains,
                        tx->Organisations().WithAncestors(cell_ids));
  std::map<Id, const Person*> person_of;
  for (const Person& p : people) person_of[p.id] = &p;
  std::map<Id, const Organisation*> unit_of;
  for (const Organisation& o : chains) unit_of[o.id] = &o;
  // The grassroots organisation of a cell: itself when it is one, else the first above it.
  auto grassroots = [&](Id cell) -> std::string {
    for (auto it = unit_of.find(cell); it != unit_of.end();) {
      const Organisation& o = *it->second;
      if (o.kind == OrgKind::kGrassrootsCell || o.kind == OrgKind::kGrassrootsCommittee) {
        return o.name;
      }
      if (!o.parent_id) break;
      it = unit_of.find(*o.parent_id);
    }
    return "";
  };
  NewMembers out{.org = std::move(org), .from = from, .to = to};
  for (CaseRecord& r : records) {
    auto person = person_of.find(r.header.person_id);
    if (person == person_of.end()) continue;
    auto cell = unit_of.find(r.header.cell_id);
    out.rows.push_back({.person = *person->second,
                        .admission_decision = NumberOf(r, Action::kAdmissionDecision, "9-KNĐ"),
                        .recognition_decision = NumberOf(r, Action::kRecognitionDecision, "16-KNĐ"),
                        .cell_name = cell != unit_of.end() ? cell->second->name : "",
                        .grassroots_name = grassroots(r.header.cell_id)});
    out.rows.back().header = r.header;
  }
  std::sort(out.rows.begin(), out.rows.end(), [](const NewMemberRow& a, const NewMemberRow& b) {
    const Date da = a.header.decision_date.value_or(Date::max());
    const Date db = b.header.decision_date.value_or(Date::max());
    if (da != db) return da < db;
    return a.person.search_key < b.person.search_key;
  });
  return out;
}

}  // namespace ptdv

// Moving one case to another cell (service/case_service.h CaseService::Transfer).

#include <fmt/format.h>

#include "domain/date.h"
#include "domain/role.h"
#include "domain/timestamp.h"
#include "service/audit_subject.h"
#include "service/case_service.h"
#include "service/json_codec.h"
#include "storage/not_found.h"

namespace ptdv {
namespace {

// The date of the case's latest step (its opening when it has none).
Date LatestStep(const CaseRecord& record) {
  Date latest = record.header.opened_on;
  for (const CaseEvent& e : record.events) latest = std::max(latest, e.date);
  return latest;
}

// The receiving cell `cell` names for the case, existing on `date`.
Result<Organisation> ReceivingCell(Transaction& tx, const Actor& actor, const OrgChoice& cell,
                                   const Case& header, Date date) {
  PTDV_ASSIGN_OR_RETURN(Organisation to, ChosenOrganisation(tx, actor, cell));
  if (!HoldsMembers(to.kind)) {
    return Error::Invalid(fmt::format("«{}» không phải là chi bộ", to.name), cell.field);
  }
  if (to.id == header.cell_id) {
    return Error::Invalid(fmt::format("Hồ sơ đang ở «{}»", to.name), cell.field);
  }
  if (!to.ValidOn(date)) {
    return Error::Invalid(
        fmt::format("Ngày {} «{}» chưa thành lập hoặc đã giải thể", FormatVnDate(date), to.name),
        "date");
  }
  return to;
}

}  // namespace

Result<Case> CaseService::Transfer(const Actor& actor, Id case_id, const OrgChoice& cell,
                                   Date date) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kWritePeople));
  if (date > clock_.Today()) {
    return Error::Invalid(fmt::format("Ngày chuyển {} ở tương lai", FormatVnDate(date)), "date");
  }
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(
      CaseRecord record,
      FoundInScope(*tx, actor, tx->Cases().GetRecord(case_id), NotFoundError(kCaseNoun, case_id),
                   [](const CaseRecord& r) { return r.header.cell_id; }));
  Case header = record.header;
  if (IsClosed(header.stage)) {
    return Error::Conflict(
        fmt::format("Hồ sơ đã kết thúc ({}), không chuyển được", StageLabel(header.stage)));
  }
  if (const Date latest = LatestStep(record); date < latest) {
    return Error::Invalid(fmt::format("Ngày chuyển {} trước ngày của bước gần nhất ({})",
                                      FormatVnDate(date), FormatVnDate(latest)),
                          "date");
  }
  PTDV_ASSIGN_OR_RETURN(Organisation to, ReceivingCell(*tx, actor, cell, header, date));
  const Id from = header.cell_id;
  const std::string at = FormatTimestamp(clock_.Now());
  const std::string before = ToJson(header);
  header.cell_id = to.id;
  PTDV_RETURN_IF_ERROR(tx->Cases().Update(header));
  ++header.version;

  PTDV_ASSIGN_OR_RETURN(Person person, tx->People().Get(header.person_id));
  if (person.org_id == from) {
    const std::string person_before = ToJson(person);
    person.org_id = to.id;
    PTDV_RETURN_IF_ERROR(tx->People().Update(person));
    PTDV_RETURN_IF_ERROR(AppendAudit(*tx, actor, at, "person.update",
                                     {.entity = "person", .id = person.id, .org_id = to.id},
                                     person_before, ToJson(person)));
  }
  PTDV_ASSIGN_OR_RETURN(auto membership, tx->Memberships().ValidOn(header.person_id, date));
  if (membership && membership->org_id == from) {
    PTDV_RETURN_IF_ERROR(tx->Memberships().Close(membership->id, date - std::chrono::days(1)));
    Membership next = *membership;
    next.org_id = to.id;
    next.valid_from = date;
    PTDV_ASSIGN_OR_RETURN(next.id, tx->Memberships().Insert(next));
    PTDV_RETURN_IF_ERROR(AppendAudit(*tx, actor, at, "membership.create",
                                     {.entity = "membership", .id = next.id, .org_id = to.id},
                                     ToJson(*membership), ToJson(next)));
  }
  PTDV_RETURN_IF_ERROR(AppendAudit(
      *tx, actor, at, "case.transfer", {.entity = "case", .id = header.id, .org_id = to.id}, before,
      fmt::format(R"({{"date":"{}","case":{}}})", FormatIsoDate(date), ToJson(header))));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return header;
}

}  // namespace ptdv

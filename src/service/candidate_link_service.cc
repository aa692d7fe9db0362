#include "service/candidate_link_service.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/timestamp.h"
#include "service/audit_subject.h"
#include "service/random_token.h"
#include "storage/audit_hash.h"
#include "storage/not_found.h"

namespace ptdv {
namespace {

namespace json = boost::json;

std::string LinkJson(const CandidateLink& link) {
  return json::serialize(json::object{{"id", link.id},
                                      {"case_id", link.case_id},
                                      {"expires_on", FormatIsoDate(link.expires_on)},
                                      {"revoked", link.revoked_at.has_value()}});
}

std::string_view FormatLabel(ClassFormat format) {
  return format == ClassFormat::kShortened ? "Lớp rút gọn" : "Lớp tiêu chuẩn";
}

}  // namespace

Error LinkClosed() {
  return Error::NotFound(
      "Đường dẫn này không còn hiệu lực. Vui lòng liên hệ chi bộ hoặc đảng ủy nơi anh/chị sinh "
      "hoạt để được cấp đường dẫn mới.");
}

Result<CandidateLink> OpenCandidateLink(Transaction& tx, const std::string& token, Date today) {
  PTDV_ASSIGN_OR_RETURN(std::optional<CandidateLink> link,
                        tx.CandidateLinks().FindByTokenHash(Sha256Hex(token)));
  if (!link || !link->OpensOn(today)) return LinkClosed();
  return std::move(*link);
}

Actor CandidateActor(const CandidateLink& link, const std::string& address) {
  return {.login = fmt::format("lien-ket-{}", link.id), .role = "candidate", .address = address};
}

CandidateLinkService::CandidateLinkService(Store& store, const Clock& clock)
    : store_(store), clock_(clock) {}

Result<IssuedCandidateLink> CandidateLinkService::Issue(const Actor& actor, Id case_id,
                                                        Date expires_on) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kWritePeople));
  const Date today = clock_.Today();
  if (expires_on <= today) {
    return Error::Invalid("Ngày hết hiệu lực phải sau ngày hôm nay", "expires_on");
  }
  if (expires_on > today + std::chrono::days(kMaxCandidateLinkDays)) {
    return Error::Invalid(
        fmt::format("Đường dẫn có hiệu lực tối đa {} ngày", kMaxCandidateLinkDays), "expires_on");
  }
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Case header, CaseInScope(*tx, actor, case_id));
  if (IsClosed(header.stage) && header.stage != Stage::kOfficial) {
    return Error::Conflict(
        fmt::format("Hồ sơ đã dừng ({}): không cấp đường dẫn theo dõi", StageLabel(header.stage)));
  }
  IssuedCandidateLink issued{.token = RandomToken()};
  CandidateLink& link = issued.link;
  link.case_id = case_id;
  link.token_hash = Sha256Hex(issued.token);
  link.issued_at = std::chrono::floor<std::chrono::seconds>(clock_.Now());
  link.issued_by = actor.login;
  link.expires_on = expires_on;
  PTDV_ASSIGN_OR_RETURN(link.id, tx->CandidateLinks().Insert(link));
  PTDV_RETURN_IF_ERROR(
      AppendAudit(*tx, actor, FormatTimestamp(clock_.Now()), "candidate_link.issue",
                  {.entity = "case", .id = case_id, .org_id = header.cell_id}, "", LinkJson(link)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return issued;
}

Result<std::vector<CandidateLink>> CandidateLinkService::List(const Actor& actor, Id case_id) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Case header, CaseInScope(*tx, actor, case_id));
  return tx->CandidateLinks().ListForCase(header.id);
}

Result<CandidateLink> CandidateLinkService::Revoke(const Actor& actor, Id case_id, Id link_id) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kWritePeople));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Case header, CaseInScope(*tx, actor, case_id));
  const Error missing = NotFoundError("đường dẫn theo dõi hồ sơ", link_id);
  Result<CandidateLink> link = tx->CandidateLinks().Get(link_id);
  if (!link.ok()) return link.error().code == ErrorCode::kNotFound ? missing : link.error();
  if (link->case_id != header.id) return missing;
  const std::string before = LinkJson(*link);
  const auto now = std::chrono::floor<std::chrono::seconds>(clock_.Now());
  PTDV_RETURN_IF_ERROR(tx->CandidateLinks().Revoke(link_id, now, actor.login));
  link->revoked_at = now;
  link->revoked_by = actor.login;
  PTDV_RETURN_IF_ERROR(AppendAudit(
      *tx, actor, FormatTimestamp(clock_.Now()), "candidate_link.revoke",
      {.entity = "case", .id = case_id, .org_id = header.cell_id}, before, LinkJson(*link)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return *link;
}

Result<CandidateView> CandidateLinkService::View(const std::string& token,
                                                 const std::string& address) {
  const Date today = clock_.Today();
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(CandidateLink link, OpenCandidateLink(*tx, token, today));
  PTDV_ASSIGN_OR_RETURN(CaseRecord record, tx->Cases().GetRecord(link.case_id));
  const Case& header = record.header;
  PTDV_ASSIGN_OR_RETURN(Person person, tx->People().Get(header.person_id));
  PTDV_ASSIGN_OR_RETURN(Organisation cell, tx->Organisations().Get(header.cell_id));
  std::optional<Date> sympathiser_on;
  for (const CaseEvent& e : record.events) {
    if (e.action == Action::kMarkSympathiser) sympathiser_on = e.date;
  }
  CandidateView view{.full_name = person.full_name,
                     .cell_name = cell.name,
                     .stage_label = std::string(StageLabel(header.stage)),
                     .milestones = CandidateMilestones(header, sympathiser_on),
                     .next = CandidateNext(header),
                     .as_of = today,
                     .link_expires_on = link.expires_on};
  PTDV_ASSIGN_OR_RETURN(auto enrolments, tx->Classes().ListEnrolmentsOfCase(header.id));
  for (const Enrolment& e : enrolments) {
    if (e.state == EnrolmentState::kRefused || e.state == EnrolmentState::kWithdrawn) continue;
    PTDV_ASSIGN_OR_RETURN(TrainingClass c, tx->Classes().Get(e.class_id));
    view.classes.push_back({.name = c.name,
                            .kind_label = std::string(ClassKindLabel(c.kind)),
                            .format_label = std::string(FormatLabel(c.format)),
                            .place = c.place,
                            .starts_on = c.starts_on,
                            .ends_on = c.ends_on,
                            .session_count = c.session_count,
                            .state_label = std::string(EnrolmentStateLabel(e.state)),
                            .certificate_date = e.certificate_date});
  }
  const auto now = std::chrono::floor<std::chrono::seconds>(clock_.Now());
  PTDV_RETURN_IF_ERROR(tx->CandidateLinks().RecordView(link.id, now));
  const Actor viewer = CandidateActor(link, address);
  PTDV_RETURN_IF_ERROR(
      AppendAudit(*tx, viewer, FormatTimestamp(clock_.Now()), "candidate.view",
                  {.entity = "case", .id = header.id, .org_id = header.cell_id}, "",
                  json::serialize(json::object{{"link_id", link.id}, {"views", link.views + 1}})));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return view;
}

}  // namespace ptdv

#include "service/mass_organisation_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "domain/search_key.h"
#include "domain/text.h"
#include "domain/timestamp.h"
#include "service/audit_subject.h"
#include "service/json_codec.h"
#include "storage/not_found.h"

namespace ptdv {
namespace {

namespace json = boost::json;

constexpr std::string_view kNominationNoun = "đề xuất giới thiệu nguồn";
constexpr std::size_t kMaxReasonBytes = 2000;
constexpr std::size_t kMaxContentBytes = 4000;
constexpr std::size_t kMaxOrganisationName = 200;

std::string NominationJson(const Nomination& n) {
  return json::serialize(json::object{
      {"id", n.id},
      {"mass_organisation_id", n.mass_organisation_id},
      {"full_name", n.full_name},
      {"birth_date", FormatIsoDate(n.birth_date)},
      {"sex", SexCode(n.sex)},
      {"category", SourceCategoryCode(n.category)},
      {"reason", n.reason},
      {"evidence", n.evidence},
      {"nominated_on", FormatIsoDate(n.nominated_on)},
      {"status", NominationStatusCode(n.status)},
      {"decided_on", n.decided_on ? json::value(FormatIsoDate(*n.decided_on)) : json::value()},
      {"decision_note", n.decision_note},
      {"case_id", n.case_id ? json::value(*n.case_id) : json::value()}});
}

std::string OpinionJson(const Opinion& o) {
  return json::serialize(json::object{{"id", o.id},
                                      {"case_id", o.case_id},
                                      {"mass_organisation_id", o.mass_organisation_id},
                                      {"kind", OpinionKindCode(o.kind)},
                                      {"given_on", FormatIsoDate(o.given_on)},
                                      {"content", o.content}});
}

// The organisation a mass organisation's account speaks for, and its unit. kForbidden for any
// other actor (the permission is kNominate; the account must name its organisation).
Result<std::pair<MassOrganisation, Organisation>> OwnOrganisation(Transaction& tx,
                                                                  const Actor& actor) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kNominate));
  const Error refused = Error::Forbidden(
      "Chỉ tài khoản của một tổ chức chính trị - xã hội mới dùng được chức năng này");
  if (!actor.mass_organisation_id || !actor.scope_root) return refused;
  Result<MassOrganisation> organisation = tx.MassOrganisations().Get(*actor.mass_organisation_id);
  if (!organisation.ok()) {
    return organisation.error().code == ErrorCode::kNotFound ? refused : organisation.error();
  }
  if (organisation->org_id != *actor.scope_root) return refused;
  PTDV_ASSIGN_OR_RETURN(Organisation unit, tx.Organisations().Get(organisation->org_id));
  return std::pair{*std::move(organisation), std::move(unit)};
}

// The mass organisations of the ward of `cell_id`: those of the cell itself and of the units
// above it (a grassroots cell is its own ward; a cell's is its grassroots committee).
Result<std::vector<MassOrganisation>> OrganisationsAbove(Transaction& tx, Id cell_id) {
  PTDV_ASSIGN_OR_RETURN(std::vector<Organisation> above, tx.Organisations().Ancestors(cell_id));
  std::vector<Id> ids{cell_id};
  for (const Organisation& unit : above) ids.push_back(unit.id);
  return tx.MassOrganisations().ListForUnits(ids);
}

// Every unit read once, by id.
class UnitCache {
 public:
  explicit UnitCache(Transaction& tx) : tx_(tx) {}
  Result<Organisation> Get(Id id) {
    if (auto it = units_.find(id); it != units_.end()) return it->second;
    PTDV_ASSIGN_OR_RETURN(Organisation unit, tx_.Organisations().Get(id));
    units_.emplace(id, unit);
    return unit;
  }

 private:
  Transaction& tx_;
  std::map<Id, Organisation> units_;
};

Result<NominationRow> RowOf(Transaction& tx, UnitCache& units, Nomination nomination,
                            const MassOrganisation& organisation) {
  NominationRow row{.nomination = std::move(nomination), .organisation = organisation};
  PTDV_ASSIGN_OR_RETURN(row.unit, units.Get(organisation.org_id));
  if (row.nomination.case_id) {
    PTDV_ASSIGN_OR_RETURN(Case header, tx.Cases().Get(*row.nomination.case_id));
    PTDV_ASSIGN_OR_RETURN(row.cell, units.Get(header.cell_id));
    row.source_case = std::move(header);
  }
  return row;
}

Result<std::vector<NominationRow>> RowsOf(Transaction& tx,
                                          const std::vector<MassOrganisation>& organisations,
                                          std::optional<NominationStatus> status) {
  std::map<Id, MassOrganisation> by_id;
  std::vector<Id> ids;
  for (const MassOrganisation& m : organisations) {
    by_id.emplace(m.id, m);
    ids.push_back(m.id);
  }
  PTDV_ASSIGN_OR_RETURN(std::vector<Nomination> nominations,
                        tx.MassOrganisations().ListNominations(ids));
  UnitCache units(tx);
  std::vector<NominationRow> rows;
  for (Nomination& n : nominations) {
    if (status && n.status != *status) continue;
    const MassOrganisation& organisation = by_id.at(n.mass_organisation_id);
    PTDV_ASSIGN_OR_RETURN(NominationRow row, RowOf(tx, units, std::move(n), organisation));
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<MassOrganisationStats>> StatsOf(
    Transaction& tx, const std::vector<MassOrganisation>& organisations) {
  std::vector<Id> ids;
  for (const MassOrganisation& m : organisations) ids.push_back(m.id);
  PTDV_ASSIGN_OR_RETURN(std::vector<Nomination> nominations,
                        tx.MassOrganisations().ListNominations(ids));
  PTDV_ASSIGN_OR_RETURN(auto opinion_counts, tx.MassOrganisations().CountOpinions(ids));
  std::map<Id, MassOrganisationStats> stats;
  UnitCache units(tx);
  for (const MassOrganisation& m : organisations) {
    PTDV_ASSIGN_OR_RETURN(Organisation unit, units.Get(m.org_id));
    stats.emplace(m.id, MassOrganisationStats{.organisation = m, .unit = std::move(unit)});
  }
  for (const Nomination& n : nominations) {
    MassOrganisationStats& s = stats.at(n.mass_organisation_id);
    ++s.nominated;
    switch (n.status) {
      case NominationStatus::kWaiting:
        ++s.waiting;
        break;
      case NominationStatus::kAccepted:
        ++s.accepted;
        break;
      case NominationStatus::kDeclined:
        ++s.declined;
        break;
    }
    if (n.case_id) {
      PTDV_ASSIGN_OR_RETURN(Case header, tx.Cases().Get(*n.case_id));
      if (BecameMember(header.stage)) ++s.became_members;
    }
  }
  for (const auto& [id, count] : opinion_counts) stats.at(id).opinions_given = count;
  std::vector<MassOrganisationStats> out;
  for (const MassOrganisation& m : organisations) out.push_back(std::move(stats.at(m.id)));
  return out;
}

// The lines of a case: the expected ones with what was given, then anything given unexpected.
Result<std::vector<CaseOpinionLine>> LinesOf(Transaction& tx, UnitCache& units, const Case& header,
                                             const Person& person,
                                             const std::vector<MassOrganisation>& organisations,
                                             const std::vector<Nomination>& nominations,
                                             const std::vector<Opinion>& opinions) {
  std::optional<Id> nominated_by;
  for (const Nomination& n : nominations) {
    if (n.case_id == header.id) nominated_by = n.mass_organisation_id;
  }
  std::map<Id, MassOrganisation> by_id;
  for (const MassOrganisation& m : organisations) by_id.emplace(m.id, m);
  std::vector<CaseOpinionLine> lines;
  std::set<std::pair<Id, OpinionKind>> listed;
  auto given = [&](Id organisation, OpinionKind kind) -> std::optional<Opinion> {
    for (const Opinion& o : opinions) {
      if (o.case_id == header.id && o.mass_organisation_id == organisation && o.kind == kind) {
        return o;
      }
    }
    return std::nullopt;
  };
  for (const ExpectedOpinion& e :
       ExpectedOpinions(organisations, person, header.category, nominated_by)) {
    const MassOrganisation& m = by_id.at(e.mass_organisation_id);
    PTDV_ASSIGN_OR_RETURN(Organisation unit, units.Get(m.org_id));
    lines.push_back({.organisation = m,
                     .unit = std::move(unit),
                     .kind = e.kind,
                     .reason = e.reason,
                     .opinion = given(m.id, e.kind)});
    listed.emplace(m.id, e.kind);
  }
  for (const Opinion& o : opinions) {
    if (o.case_id != header.id || listed.contains({o.mass_organisation_id, o.kind})) continue;
    PTDV_ASSIGN_OR_RETURN(MassOrganisation m, tx.MassOrganisations().Get(o.mass_organisation_id));
    PTDV_ASSIGN_OR_RETURN(Organisation unit, units.Get(m.org_id));
    lines.push_back(
        {.organisation = std::move(m), .unit = std::move(unit), .kind = o.kind, .opinion = o});
  }
  return lines;
}

Status CheckDecisionDate(const Nomination& n, Date on, Date today, std::string_view field) {
  if (on > today)
    return Error::Invalid("Ngày xử lý không được sau ngày hôm nay", std::string(field));
  if (on < n.nominated_on) {
    return Error::Invalid(fmt::format("Ngày xử lý không được trước ngày giới thiệu ({})",
                                      FormatVnDate(n.nominated_on)),
                          std::string(field));
  }
  return Ok();
}

// The nomination `id` when its organisation's unit lies in the actor's scope, with the
// organisation; kNotFound otherwise, as for one that does not exist.
Result<std::pair<Nomination, MassOrganisation>> NominationInScope(Transaction& tx,
                                                                  const Actor& actor, Id id) {
  const Error missing = NotFoundError(kNominationNoun, id);
  Result<Nomination> found = tx.MassOrganisations().GetNomination(id);
  if (!found.ok()) return found.error().code == ErrorCode::kNotFound ? missing : found.error();
  PTDV_ASSIGN_OR_RETURN(MassOrganisation organisation,
                        tx.MassOrganisations().Get(found->mass_organisation_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(tx, actor, organisation.org_id, missing));
  return std::pair{*std::move(found), std::move(organisation)};
}

Status ExpectWaiting(const Nomination& n) {
  if (n.status == NominationStatus::kWaiting) return Ok();
  return Error::Conflict(
      fmt::format("Đề xuất này đã được xử lý ({})", NominationStatusLabel(n.status)));
}

}  // namespace

MassOrganisationService::MassOrganisationService(Store& store, const Clock& clock)
    : store_(store), clock_(clock) {}

Result<MassOrganisationList> MassOrganisationService::List(const Actor& actor,
                                                           const OrgChoice& which) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(*tx, actor, which));
  PTDV_ASSIGN_OR_RETURN(std::vector<Id> units,
                        tx->Organisations().SubtreeIds(org.id, clock_.Today()));
  if (std::find(units.begin(), units.end(), org.id) == units.end()) units.push_back(org.id);
  PTDV_ASSIGN_OR_RETURN(auto organisations, tx->MassOrganisations().ListForUnits(units));
  PTDV_ASSIGN_OR_RETURN(auto items, StatsOf(*tx, organisations));
  return MassOrganisationList{.org = std::move(org), .items = std::move(items)};
}

Result<MassOrganisationStats> MassOrganisationService::Create(const Actor& actor,
                                                              const OrgChoice& which,
                                                              MassOrgKind kind, std::string name) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kManageUsers));
  name = CleanName(name);
  if (name.empty()) return Error::Invalid("Cần nhập tên tổ chức", "name");
  if (name.size() > kMaxOrganisationName) return Error::Invalid("Tên tổ chức quá dài", "name");
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Organisation unit, ChosenOrganisation(*tx, actor, which));
  if (unit.kind != OrgKind::kGrassrootsCommittee && unit.kind != OrgKind::kGrassrootsCell) {
    return Error::Invalid(
        fmt::format("Tổ chức chính trị - xã hội gắn với đảng bộ, chi bộ cơ sở; «{}» là {}",
                    unit.name, OrgKindLabel(unit.kind)),
        which.field);
  }
  PTDV_ASSIGN_OR_RETURN(auto existing, tx->MassOrganisations().ListForUnits({unit.id}));
  for (const MassOrganisation& m : existing) {
    if (m.kind == kind) {
      return Error::Conflict(
          fmt::format("{} đã có {} («{}»)", unit.name, MassOrgKindLabel(kind), m.name));
    }
  }
  MassOrganisation organisation{.org_id = unit.id, .kind = kind, .name = std::move(name)};
  PTDV_ASSIGN_OR_RETURN(organisation.id, tx->MassOrganisations().Insert(organisation));
  PTDV_RETURN_IF_ERROR(AppendAudit(
      *tx, actor, FormatTimestamp(clock_.Now()), "mass_organisation.create",
      {.entity = "mass_organisation", .id = organisation.id, .org_id = unit.id}, "",
      json::serialize(json::object{
          {"id", organisation.id}, {"kind", MassOrgKindCode(kind)}, {"name", organisation.name}})));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return MassOrganisationStats{.organisation = std::move(organisation), .unit = std::move(unit)};
}

Result<std::vector<NominationRow>> MassOrganisationService::Nominations(
    const Actor& actor, const OrgChoice& which, std::optional<NominationStatus> status) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(*tx, actor, which));
  PTDV_ASSIGN_OR_RETURN(std::vector<Id> units,
                        tx->Organisations().SubtreeIds(org.id, clock_.Today()));
  if (std::find(units.begin(), units.end(), org.id) == units.end()) units.push_back(org.id);
  PTDV_ASSIGN_OR_RETURN(auto organisations, tx->MassOrganisations().ListForUnits(units));
  return RowsOf(*tx, organisations, status);
}

Result<NominationRow> MassOrganisationService::Accept(const Actor& actor, Id nomination_id,
                                                      const OrgChoice& cell_choice,
                                                      Date accepted_on) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kWritePeople));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(auto found, NominationInScope(*tx, actor, nomination_id));
  auto& [nomination, organisation] = found;
  PTDV_RETURN_IF_ERROR(ExpectWaiting(nomination));
  PTDV_RETURN_IF_ERROR(CheckDecisionDate(nomination, accepted_on, clock_.Today(), "accepted_on"));
  PTDV_ASSIGN_OR_RETURN(Organisation cell, ChosenOrganisation(*tx, actor, cell_choice));
  PTDV_ASSIGN_OR_RETURN(std::vector<Id> ward,
                        tx->Organisations().SubtreeIds(organisation.org_id, accepted_on));
  if (!HoldsMembers(cell.kind) || std::find(ward.begin(), ward.end(), cell.id) == ward.end() ||
      !cell.ValidOn(accepted_on)) {
    PTDV_ASSIGN_OR_RETURN(Organisation unit, tx->Organisations().Get(organisation.org_id));
    return Error::Invalid(fmt::format("Cần chọn một chi bộ của {} đang hoạt động vào ngày {}",
                                      unit.name, FormatVnDate(accepted_on)),
                          cell_choice.field);
  }
  const std::string at = FormatTimestamp(clock_.Now());

  // The person: one of the ward with the same name and birth date, else a new one.
  Person person{.full_name = nomination.full_name,
                .sex = nomination.sex,
                .birth_date = nomination.birth_date,
                .org_id = cell.id};
  person.search_key = SearchKey(person.full_name);
  PTDV_ASSIGN_OR_RETURN(auto same, tx->People().FindSameNameAndBirthDate(
                                       person.search_key, person.birth_date, ward, 1));
  if (!same.empty()) {
    person = same.front();
  } else {
    // The Youth Union and the trade union nominate their own members (đoàn viên ưu tú).
    person.youth_union_member = organisation.kind == MassOrgKind::kYouthUnion ||
                                nomination.category == SourceCategory::kYouthUnion;
    person.trade_union_member = organisation.kind == MassOrgKind::kTradeUnion;
    PTDV_ASSIGN_OR_RETURN(person.id, tx->People().Insert(person));
    PTDV_RETURN_IF_ERROR(AppendAudit(*tx, actor, at, "person.create",
                                     {.entity = "person", .id = person.id, .org_id = cell.id}, "",
                                     ToJson(person)));
  }
  PTDV_ASSIGN_OR_RETURN(auto existing, tx->Cases().ListForPerson(person.id));
  for (const Case& c : existing) {
    if (!IsClosed(c.stage)) {
      return Error::Conflict(
          fmt::format("{} đã có hồ sơ đang theo dõi (mã {})", person.full_name, c.id));
    }
  }
  PTDV_ASSIGN_OR_RETURN(auto membership, tx->Memberships().ValidOn(person.id, accepted_on));
  if (membership) return Error::Conflict(fmt::format("{} đã là đảng viên", person.full_name));
  Case header{.person_id = person.id,
              .cell_id = cell.id,
              .category = nomination.category,
              .stage = Stage::kSource,
              .opened_on = accepted_on};
  PTDV_ASSIGN_OR_RETURN(header.id, tx->Cases().Insert(header));
  PTDV_RETURN_IF_ERROR(AppendAudit(*tx, actor, at, "case.open",
                                   {.entity = "case", .id = header.id, .org_id = cell.id}, "",
                                   ToJson(header)));
  const std::string before = NominationJson(nomination);
  nomination.status = NominationStatus::kAccepted;
  nomination.decided_on = accepted_on;
  nomination.case_id = header.id;
  nomination.decided_by = actor.login;
  PTDV_RETURN_IF_ERROR(tx->MassOrganisations().DecideNomination(nomination));
  ++nomination.version;
  PTDV_RETURN_IF_ERROR(
      AppendAudit(*tx, actor, at, "nomination.accept",
                  {.entity = "nomination", .id = nomination.id, .org_id = organisation.org_id},
                  before, NominationJson(nomination)));
  UnitCache units(*tx);
  PTDV_ASSIGN_OR_RETURN(NominationRow row, RowOf(*tx, units, nomination, organisation));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return row;
}

Result<NominationRow> MassOrganisationService::Decline(const Actor& actor, Id nomination_id,
                                                       std::string reason, Date declined_on) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kWritePeople));
  reason = NormaliseNfc(Trim(reason));
  if (reason.empty()) return Error::Invalid("Cần ghi lý do không tiếp nhận", "reason");
  if (reason.size() > kMaxReasonBytes) return Error::Invalid("Lý do quá dài", "reason");
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(auto found, NominationInScope(*tx, actor, nomination_id));
  auto& [nomination, organisation] = found;
  PTDV_RETURN_IF_ERROR(ExpectWaiting(nomination));
  PTDV_RETURN_IF_ERROR(CheckDecisionDate(nomination, declined_on, clock_.Today(), "declined_on"));
  const std::string before = NominationJson(nomination);
  nomination.status = NominationStatus::kDeclined;
  nomination.decided_on = declined_on;
  nomination.decision_note = std::move(reason);
  nomination.decided_by = actor.login;
  PTDV_RETURN_IF_ERROR(tx->MassOrganisations().DecideNomination(nomination));
  ++nomination.version;
  PTDV_RETURN_IF_ERROR(
      AppendAudit(*tx, actor, FormatTimestamp(clock_.Now()), "nomination.decline",
                  {.entity = "nomination", .id = nomination.id, .org_id = organisation.org_id},
                  before, NominationJson(nomination)));
  UnitCache units(*tx);
  PTDV_ASSIGN_OR_RETURN(NominationRow row, RowOf(*tx, units, nomination, organisation));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return row;
}

Result<CaseOpinions> MassOrganisationService::OpinionsOn(const Actor& actor, Id case_id) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Case header, CaseInScope(*tx, actor, case_id));
  PTDV_ASSIGN_OR_RETURN(Person person, tx->People().Get(header.person_id));
  PTDV_ASSIGN_OR_RETURN(auto organisations, OrganisationsAbove(*tx, header.cell_id));
  PTDV_ASSIGN_OR_RETURN(auto nominations, tx->MassOrganisations().NominationsOfCases({case_id}));
  PTDV_ASSIGN_OR_RETURN(auto opinions, tx->MassOrganisations().OpinionsOnCases({case_id}));
  UnitCache units(*tx);
  PTDV_ASSIGN_OR_RETURN(auto lines,
                        LinesOf(*tx, units, header, person, organisations, nominations, opinions));
  CaseOpinions out{.header = std::move(header), .lines = std::move(lines)};
  for (const CaseOpinionLine& line : out.lines) {
    if (line.reason && !line.opinion) ++out.missing;
  }
  return out;
}

Result<MassOrganisationStats> MassOrganisationService::Mine(const Actor& actor) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(auto own, OwnOrganisation(*tx, actor));
  PTDV_ASSIGN_OR_RETURN(auto stats, StatsOf(*tx, {own.first}));
  return std::move(stats.front());
}

Result<std::vector<NominationRow>> MassOrganisationService::MyNominations(const Actor& actor) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(auto own, OwnOrganisation(*tx, actor));
  return RowsOf(*tx, {own.first}, std::nullopt);
}

Result<NominationRow> MassOrganisationService::Nominate(const Actor& actor,
                                                        const NominationInput& input) {
  const Date today = clock_.Today();
  Nomination n{.full_name = CleanName(input.full_name),
               .birth_date = input.birth_date,
               .sex = input.sex,
               .category = input.category,
               .reason = NormaliseNfc(Trim(input.reason)),
               .evidence = NormaliseNfc(Trim(input.evidence)),
               .nominated_on = input.nominated_on,
               .actor = actor.login,
               .recorded_at = FormatTimestamp(clock_.Now())};
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(auto own, OwnOrganisation(*tx, actor));
  if (n.full_name.empty()) return Error::Invalid("Cần nhập họ và tên", "full_name");
  if (n.full_name.size() > kMaxOrganisationName) {
    return Error::Invalid("Họ và tên quá dài", "full_name");
  }
  if (YearOf(n.birth_date) < 1900 || n.birth_date > today) {
    return Error::Invalid(fmt::format("Ngày sinh {} không hợp lệ", FormatVnDate(n.birth_date)),
                          "birth_date");
  }
  if (n.reason.empty()) return Error::Invalid("Cần ghi lý do giới thiệu", "reason");
  if (n.reason.size() > kMaxReasonBytes) return Error::Invalid("Lý do quá dài", "reason");
  if (n.evidence.size() > kMaxContentBytes) return Error::Invalid("Minh chứng quá dài", "evidence");
  if (n.nominated_on > today) {
    return Error::Invalid("Ngày giới thiệu không được sau ngày hôm nay", "nominated_on");
  }
  if (n.nominated_on < n.birth_date) {
    return Error::Invalid("Ngày giới thiệu không được trước ngày sinh", "nominated_on");
  }
  n.mass_organisation_id = own.first.id;
  PTDV_ASSIGN_OR_RETURN(n.id, tx->MassOrganisations().InsertNomination(n));
  PTDV_RETURN_IF_ERROR(AppendAudit(*tx, actor, n.recorded_at, "nomination.create",
                                   {.entity = "nomination", .id = n.id, .org_id = own.first.org_id},
                                   "", NominationJson(n)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return NominationRow{.nomination = std::move(n), .organisation = own.first, .unit = own.second};
}

Result<OpinionRequests> MassOrganisationService::MyOpinionRequests(const Actor& actor) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(auto own, OwnOrganisation(*tx, actor));
  const auto& [organisation, unit] = own;
  PTDV_ASSIGN_OR_RETURN(std::vector<Id> ward,
                        tx->Organisations().SubtreeIds(unit.id, clock_.Today()));
  OpinionRequests out{.organisation = organisation, .unit = unit};
  if (ward.empty()) return out;
  CaseFilter filter{.cell_ids = ward, .stage = Stage::kDossier, .limit = 100000};
  PTDV_ASSIGN_OR_RETURN(std::vector<Case> cases, tx->Cases().List(filter));
  std::vector<Id> case_ids, person_ids;
  for (const Case& c : cases) {
    case_ids.push_back(c.id);
    person_ids.push_back(c.person_id);
  }
  PTDV_ASSIGN_OR_RETURN(auto people, tx->People().GetMany(person_ids));
  std::map<Id, Person> person_of;
  for (Person& p : people) person_of.emplace(p.id, std::move(p));
  PTDV_ASSIGN_OR_RETURN(auto nominations, tx->MassOrganisations().NominationsOfCases(case_ids));
  PTDV_ASSIGN_OR_RETURN(auto opinions, tx->MassOrganisations().OpinionsOnCases(case_ids));
  UnitCache units(*tx);
  for (const Case& c : cases) {
    auto person = person_of.find(c.person_id);
    if (person == person_of.end()) continue;
    PTDV_ASSIGN_OR_RETURN(
        auto lines, LinesOf(*tx, units, c, person->second, {organisation}, nominations, opinions));
    std::erase_if(lines, [](const CaseOpinionLine& line) { return !line.reason; });
    if (lines.empty()) continue;
    PTDV_ASSIGN_OR_RETURN(Organisation cell, units.Get(c.cell_id));
    out.items.push_back({.header = c,
                         .full_name = person->second.full_name,
                         .birth_year = YearOf(person->second.birth_date),
                         .cell = std::move(cell),
                         .lines = std::move(lines)});
  }
  std::sort(out.items.begin(), out.items.end(), [](const auto& a, const auto& b) {
    if (a.cell.code != b.cell.code) return a.cell.code < b.cell.code;
    return SearchKey(a.full_name) < SearchKey(b.full_name);
  });
  return out;
}

Result<OpinionRow> MassOrganisationService::GiveOpinion(const Actor& actor, Id case_id,
                                                        OpinionKind kind, Date given_on,
                                                        std::string content) {
  content = NormaliseNfc(Trim(content));
  if (content.empty()) return Error::Invalid("Cần ghi nội dung ý kiến", "content");
  if (content.size() > kMaxContentBytes) return Error::Invalid("Nội dung quá dài", "content");
  if (given_on > clock_.Today()) {
    return Error::Invalid("Ngày cho ý kiến không được sau ngày hôm nay", "given_on");
  }
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(auto own, OwnOrganisation(*tx, actor));
  const auto& [organisation, unit] = own;
  // The scope root is the organisation's unit: a case of another ward answers as missing.
  PTDV_ASSIGN_OR_RETURN(Case header, CaseInScope(*tx, actor, case_id));
  if (!OpenToOpinions(header.stage)) {
    return Error::Conflict(fmt::format(
        "Hồ sơ đang ở bước «{}»: chỉ cho ý kiến khi chi bộ đang hoàn thiện hồ sơ, trước khi biểu "
        "quyết",
        StageLabel(header.stage)));
  }
  if (given_on < header.opened_on) {
    return Error::Invalid("Ngày cho ý kiến không được trước ngày mở hồ sơ", "given_on");
  }
  if (!MayGive(organisation.kind, kind)) {
    return Error::Forbidden(fmt::format(
        "Chỉ Đoàn Thanh niên và Công đoàn ra nghị quyết giới thiệu vào Đảng (4-KNĐ; R4)"));
  }
  PTDV_ASSIGN_OR_RETURN(Person person, tx->People().Get(header.person_id));
  PTDV_ASSIGN_OR_RETURN(auto nominations, tx->MassOrganisations().NominationsOfCases({case_id}));
  std::optional<Id> nominated_by;
  for (const Nomination& n : nominations) nominated_by = n.mass_organisation_id;
  bool expected = false;
  for (const ExpectedOpinion& e :
       ExpectedOpinions({organisation}, person, header.category, nominated_by)) {
    expected = expected || e.kind == kind;
  }
  if (!expected) {
    return Error::Forbidden(fmt::format("Chi bộ không lấy {} của {} về người này",
                                        OpinionKindLabel(kind), organisation.name));
  }
  Opinion opinion{.case_id = case_id,
                  .mass_organisation_id = organisation.id,
                  .kind = kind,
                  .given_on = given_on,
                  .content = std::move(content),
                  .actor = actor.login,
                  .recorded_at = FormatTimestamp(clock_.Now())};
  PTDV_ASSIGN_OR_RETURN(auto given, tx->MassOrganisations().OpinionsOnCases({case_id}));
  for (const Opinion& o : given) {
    if (o.mass_organisation_id == organisation.id && o.kind == kind) {
      return Error::Conflict(fmt::format("{} đã cho {} về người này ngày {}", organisation.name,
                                         OpinionKindLabel(kind), FormatVnDate(o.given_on)));
    }
  }
  PTDV_ASSIGN_OR_RETURN(opinion.id, tx->MassOrganisations().InsertOpinion(opinion));
  PTDV_RETURN_IF_ERROR(AppendAudit(*tx, actor, opinion.recorded_at, "case.opinion",
                                   {.entity = "case", .id = case_id, .org_id = header.cell_id}, "",
                                   OpinionJson(opinion)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return OpinionRow{.opinion = std::move(opinion), .organisation = organisation, .unit = unit};
}

}  // namespace ptdv

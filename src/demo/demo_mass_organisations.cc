#include "demo/demo_mass_organisations.h"

#include <fmt/format.h>

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "domain/mass_organisation.h"
#include "domain/timestamp.h"
#include "service/actor.h"
#include "service/auth_service.h"
#include "service/candidate_link_service.h"
#include "service/mass_organisation_service.h"
#include "storage/store.h"

namespace ptdv {
namespace {

using std::chrono::days;

constexpr std::string_view kDemoPassword = "Hue@2023demo";

struct KindName {
  MassOrgKind kind;
  std::string_view prefix;
};

constexpr std::array<KindName, 5> kWardOrganisations{{
    {MassOrgKind::kFatherlandFront, "Ủy ban Mặt trận Tổ quốc Việt Nam"},
    {MassOrgKind::kYouthUnion, "Đoàn Thanh niên"},
    {MassOrgKind::kWomensUnion, "Hội Liên hiệp Phụ nữ"},
    {MassOrgKind::kVeterans, "Hội Cựu chiến binh"},
    {MassOrgKind::kMilitiaCommand, "Ban Chỉ huy quân sự"},
}};

// "Đảng ủy phường Tây Lộc" → "phường Tây Lộc".
std::string_view Locality(std::string_view unit_name) {
  for (std::string_view prefix : {"Đảng ủy ", "Đảng bộ ", "Chi bộ "}) {
    if (unit_name.starts_with(prefix)) return unit_name.substr(prefix.size());
  }
  return unit_name;
}

struct NewNomination {
  MassOrgKind by;
  std::string_view full_name;
  int birth_year;
  unsigned birth_month;
  Sex sex;
  SourceCategory category;
  std::string_view reason;
  std::string_view evidence;
  int days_ago;
};

// Tây Lộc's nominations of the last weeks, still with the ward (the first waits for a decline,
// the second for an acceptance; the others stay waiting).
constexpr std::array<NewNomination, 5> kTayLocNominations{{
    {MassOrgKind::kYouthUnion, "Nguyễn Thị Thu Trang", 2004, 3, Sex::kFemale,
     SourceCategory::kStudent, "Sinh viên năm cuối, Bí thư chi đoàn lớp, nhiều năm học sinh giỏi",
     "Giấy khen của Thành đoàn năm 2023", 30},
    {MassOrgKind::kYouthUnion, "Trần Quốc Bảo", 1999, 8, Sex::kMale, SourceCategory::kTeacher,
     "Giáo viên trẻ Trường THCS Nguyễn Tri Phương, nhiệt tình với công tác Đội",
     "Chiến sĩ thi đua cơ sở năm học 2022-2023", 21},
    {MassOrgKind::kYouthUnion, "Lê Hoàng Phúc", 2003, 11, Sex::kMale, SourceCategory::kYouthUnion,
     "Đội trưởng đội thanh niên tình nguyện phường", "Giấy khen tình nguyện hè 2023", 12},
    {MassOrgKind::kMilitiaCommand, "Phạm Văn Tài", 2001, 5, Sex::kMale, SourceCategory::kMilitia,
     "Chiến sĩ dân quân thường trực, hoàn thành xuất sắc nhiệm vụ huấn luyện",
     "Giấy khen của Ban Chỉ huy quân sự thành phố", 9},
    {MassOrgKind::kYouthUnion, "Hồ Thị Ngọc Ánh", 2005, 1, Sex::kFemale, SourceCategory::kStudent,
     "Học sinh lớp 12, giải nhì học sinh giỏi tỉnh môn Ngữ văn", "", 4},
}};

Result<MassOrganisation> OrganisationOf(const std::vector<MassOrganisation>& all, Id unit,
                                        MassOrgKind kind) {
  for (const MassOrganisation& m : all) {
    if (m.org_id == unit && m.kind == kind) return m;
  }
  return Error::NotFound(fmt::format("Không có {} trong dữ liệu mẫu", MassOrgKindLabel(kind)));
}

Actor OrganisationActor(const MassOrganisation& m, std::string login) {
  return Actor{.login = std::move(login),
               .role = "mass_organisation",
               .address = "demo",
               .scope_root = m.org_id,
               .mass_organisation_id = m.id};
}

// Links cases the generator opened to nominations of `organisation` made 20 days before each
// case was opened and accepted on that day, as if the ward had accepted them then.
Status LinkNominations(Store& store, const MassOrganisation& organisation,
                       const std::vector<Case>& cases, std::string_view nominated_by,
                       std::string_view decided_by, const Clock& clock, int& count) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadWrite));
  for (const Case& c : cases) {
    PTDV_ASSIGN_OR_RETURN(Person person, tx->People().Get(c.person_id));
    Nomination n{
        .mass_organisation_id = organisation.id,
        .full_name = person.full_name,
        .birth_date = person.birth_date,
        .sex = person.sex,
        .category = c.category,
        .reason = "Gương mặt tiêu biểu trong phong trào của tổ chức, được tập thể tín nhiệm",
        .nominated_on = c.opened_on - days(20),
        .actor = std::string(nominated_by),
        .recorded_at = FormatTimestamp(clock.Now())};
    PTDV_ASSIGN_OR_RETURN(n.id, tx->MassOrganisations().InsertNomination(n));
    n.status = NominationStatus::kAccepted;
    n.decided_on = c.opened_on;
    n.case_id = c.id;
    n.decided_by = std::string(decided_by);
    PTDV_RETURN_IF_ERROR(tx->MassOrganisations().DecideNomination(n));
    ++count;
  }
  return tx->Commit();
}

struct WardCases {
  std::vector<Case> members;  // reached the admission decision
  std::vector<Case> dossiers;
  std::vector<Case> militia;  // open, of the militia category
};

Result<WardCases> CasesOf(Store& store, Id ward, Date today) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(std::vector<Id> cells, tx->Organisations().SubtreeIds(ward, today));
  CaseFilter filter{.cell_ids = cells, .limit = 100000};
  PTDV_ASSIGN_OR_RETURN(std::vector<Case> cases, tx->Cases().List(filter));
  WardCases out;
  for (const Case& c : cases) {
    if (BecameMember(c.stage) &&
        (c.category == SourceCategory::kYouthUnion || c.category == SourceCategory::kStudent)) {
      out.members.push_back(c);
    } else if (c.stage == Stage::kDossier) {
      out.dossiers.push_back(c);
    } else if (!IsClosed(c.stage) && c.category == SourceCategory::kMilitia) {
      out.militia.push_back(c);
    }
  }
  return out;
}

std::vector<Case> First(const std::vector<Case>& cases, std::size_t n) {
  return {cases.begin(), cases.begin() + static_cast<long>(std::min(n, cases.size()))};
}

// A personal link for the first case of the ward at each stage on the way to official
// membership, valid 90 days.
Status IssueDemoLinks(Store& store, const Clock& clock, const Actor& staff, Id ward, Date today,
                      DemoMassOrganisationSummary& summary) {
  CandidateLinkService links(store, clock);
  std::vector<Case> chosen;
  std::vector<std::string> names;
  {
    PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
    PTDV_ASSIGN_OR_RETURN(std::vector<Id> cells, tx->Organisations().SubtreeIds(ward, today));
    CaseFilter filter{.cell_ids = cells, .open_only = true, .limit = 100000};
    PTDV_ASSIGN_OR_RETURN(std::vector<Case> cases, tx->Cases().List(filter));
    std::set<Stage> seen;
    for (const Case& c : cases) {
      if (!seen.insert(c.stage).second) continue;
      PTDV_ASSIGN_OR_RETURN(Person person, tx->People().Get(c.person_id));
      chosen.push_back(c);
      names.push_back(person.full_name);
    }
  }
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    PTDV_ASSIGN_OR_RETURN(IssuedCandidateLink issued,
                          links.Issue(staff, chosen[i].id, today + days(90)));
    summary.links.push_back({.full_name = names[i],
                             .stage_label = std::string(StageLabel(chosen[i].stage)),
                             .path = std::string(kCandidatePagePath) + issued.token});
  }
  return Ok();
}

// The unit of the demo account `login`.
Result<Id> UnitOf(Store& store, const std::string& login) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(User user, tx->Users().GetByLogin(login));
  return user.org_id;
}

}  // namespace

Result<DemoMassOrganisationSummary> AddDemoMassOrganisations(Store& store, const Clock& clock,
                                                             Date today,
                                                             PasswordHashParameters parameters) {
  MassOrganisationService service(store, clock);
  const Actor system;
  DemoMassOrganisationSummary summary;
  std::vector<Organisation> wards;
  {
    PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
    PTDV_ASSIGN_OR_RETURN(Organisation hue, tx->Organisations().GetByCode("HUE"));
    PTDV_ASSIGN_OR_RETURN(auto units, tx->Organisations().ListSubtree(hue.id, today));
    for (Organisation& unit : units) {
      if (unit.parent_id == hue.id &&
          (unit.kind == OrgKind::kGrassrootsCommittee || unit.kind == OrgKind::kGrassrootsCell)) {
        wards.push_back(std::move(unit));
      }
    }
  }
  std::vector<MassOrganisation> all;
  for (const Organisation& ward : wards) {
    for (const KindName& k : kWardOrganisations) {
      PTDV_ASSIGN_OR_RETURN(MassOrganisationStats created,
                            service.Create(system, OrgChoice{.code = ward.code}, k.kind,
                                           fmt::format("{} {}", k.prefix, Locality(ward.name))));
      all.push_back(created.organisation);
      ++summary.organisations;
    }
  }

  for (const char* staff_login : {"taylocdu", "vydadu"}) {
    PTDV_ASSIGN_OR_RETURN(Id ward_id, UnitOf(store, staff_login));
    const Organisation* ward = nullptr;
    for (const Organisation& w : wards) {
      if (w.id == ward_id) ward = &w;
    }
    if (ward == nullptr) continue;
    const bool tay_loc = std::string_view(staff_login) == "taylocdu";
    const std::string staff = staff_login;
    PTDV_ASSIGN_OR_RETURN(MassOrganisation youth,
                          OrganisationOf(all, ward->id, MassOrgKind::kYouthUnion));
    PTDV_ASSIGN_OR_RETURN(MassOrganisation militia,
                          OrganisationOf(all, ward->id, MassOrgKind::kMilitiaCommand));
    const std::string youth_login = tay_loc ? "doanthanhnien.tayloc" : "doanthanhnien.vyda";
    const std::string militia_login = tay_loc ? "quansu.tayloc" : "quansu.vyda";
    PTDV_ASSIGN_OR_RETURN(WardCases cases, CasesOf(store, ward->id, today));
    // Earlier nominations: members since, dossiers under way, a militia source.
    std::vector<Case> youth_cases = First(cases.members, 2);
    std::vector<Case> dossiers = First(cases.dossiers, 2);
    youth_cases.insert(youth_cases.end(), dossiers.begin(), dossiers.end());
    PTDV_RETURN_IF_ERROR(
        LinkNominations(store, youth, youth_cases, youth_login, staff, clock, summary.nominations));
    PTDV_RETURN_IF_ERROR(LinkNominations(store, militia, First(cases.militia, 1), militia_login,
                                         staff, clock, summary.nominations));
    // The Youth Union's opinion on the first dossier; the second still misses it.
    if (!dossiers.empty()) {
      const Case& c = dossiers.front();
      const Date given_on = std::max(c.opened_on, today - days(1));
      PTDV_ASSIGN_OR_RETURN(
          OpinionRow given,
          service.GiveOpinion(OrganisationActor(youth, youth_login), c.id, OpinionKind::kOpinion,
                              given_on,
                              "Đoàn viên gương mẫu, tích cực trong các phong trào tình nguyện; có "
                              "lối sống lành mạnh, được đoàn viên tín nhiệm. Đoàn Thanh niên nhất "
                              "trí đề nghị chi bộ xem xét kết nạp."));
      (void)given;
      ++summary.opinions;
    }
    if (!tay_loc) continue;
    // The demo accounts of the ward's Youth Union and militia command.
    std::vector<NewUser> accounts;
    for (auto [organisation, login, name] :
         {std::tuple{&youth, youth_login, "Trần Thị Mai (Đoàn Thanh niên)"},
          std::tuple{&militia, militia_login, "Lê Văn Hùng (Ban Chỉ huy quân sự)"}}) {
      accounts.push_back({.login = login,
                          .full_name = name,
                          .role = Role::kMassOrganisation,
                          .org_id = ward->id,
                          .password = std::string(kDemoPassword),
                          .mass_organisation_id = organisation->id});
    }
    PTDV_ASSIGN_OR_RETURN(std::vector<User> users,
                          CreateSystemUsers(store, clock, std::move(accounts), parameters));
    for (const User& user : users) {
      summary.accounts.emplace_back(user.login, std::string(kDemoPassword));
    }
    // This month's nominations: one declined, one accepted, the others waiting.
    const Actor ward_staff{
        .login = staff, .role = "grassroots_staff", .address = "demo", .scope_root = ward->id};
    std::string first_cell;
    {
      PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
      PTDV_ASSIGN_OR_RETURN(auto units, tx->Organisations().ListSubtree(ward->id, today));
      for (const Organisation& unit : units) {
        if (HoldsMembers(unit.kind) && unit.ValidOn(today - days(14)) &&
            (first_cell.empty() || unit.code < first_cell)) {
          first_cell = unit.code;
        }
      }
    }
    std::vector<Id> created;
    for (const NewNomination& n : kTayLocNominations) {
      PTDV_ASSIGN_OR_RETURN(MassOrganisation by, OrganisationOf(all, ward->id, n.by));
      const std::string login = n.by == MassOrgKind::kYouthUnion ? youth_login : militia_login;
      PTDV_ASSIGN_OR_RETURN(
          NominationRow row,
          service.Nominate(OrganisationActor(by, login),
                           {.full_name = std::string(n.full_name),
                            .birth_date = MakeDate(n.birth_year, n.birth_month, 15),
                            .sex = n.sex,
                            .category = n.category,
                            .reason = std::string(n.reason),
                            .evidence = std::string(n.evidence),
                            .nominated_on = today - days(n.days_ago)}));
      created.push_back(row.nomination.id);
      ++summary.nominations;
    }
    PTDV_ASSIGN_OR_RETURN(NominationRow declined,
                          service.Decline(ward_staff, created[0],
                                          "Chưa đủ thời gian rèn luyện, thử thách tại địa phương; "
                                          "đề nghị Đoàn tiếp tục bồi dưỡng",
                                          today - days(20)));
    (void)declined;
    PTDV_ASSIGN_OR_RETURN(
        NominationRow accepted,
        service.Accept(ward_staff, created[1], OrgChoice{.code = first_cell}, today - days(14)));
    (void)accepted;
    PTDV_RETURN_IF_ERROR(IssueDemoLinks(store, clock, ward_staff, ward->id, today, summary));
  }
  return summary;
}

}  // namespace ptdv

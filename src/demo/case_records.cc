// The records of a demo case: who acts on it, its events with their documents, numbers and
// notes as a committee would file them, and the membership the procedure leads to.

#include <fmt/format.h>

#include <algorithm>

#include "demo/case_timeline.h"
#include "demo/demo_tables.h"
#include "demo/district_generator.h"

namespace ptdv::demo {

Date DistrictGenerator::Office(Date d) const { return OfficeDay(calendar_, d); }

std::string DistrictGenerator::Number(Date d, int per_day, std::string_view suffix) {
  // Numbers grow through the year, like a register: "152-QĐ/TU".
  int day_of_year = DaysFrom(MakeDate(YearOf(d), 1, 1), d);
  int n = day_of_year * per_day / 4 + rng_.Between(1, std::max(1, per_day));
  return fmt::format("{}-{}", n, suffix);
}

DistrictGenerator::CaseParties DistrictGenerator::ChooseParties(
    const CellRec& cell, const GrassrootsRec& g, const std::vector<Planned>& schedule,
    const Timeline& t) {
  CaseParties parties;
  // Helpers and introducers: official members of the same cell on the dates they act (R5).
  auto date_of = [&](Action action, int index, Date fallback) {
    for (const Planned& p : schedule) {
      if (p.action == action && p.index == index) return p.date;
    }
    return fallback;
  };
  const Date sympathiser_date = date_of(Action::kMarkSympathiser, 0, t.sympathiser);
  const Date intro1_date = date_of(Action::kAddIntroducer, 0, t.intro1);
  const Date intro2_date = date_of(Action::kAddIntroducer, 1, t.intro2);
  const Date helper_date = date_of(Action::kAssignHelper, 0, t.helper);
  parties.introducer1 = PickMember(cell, {sympathiser_date, std::min(intro1_date, today_)}, -1);
  parties.sympathiser_helper = parties.introducer1;
  parties.introducer2 = PickMember(cell, {std::min(intro2_date, today_)}, parties.introducer1);
  parties.ceremony_helper = BaseOfficialOn(parties.introducer1, cell, std::min(helper_date, today_))
                                ? parties.introducer1
                                : PickMember(cell, {std::min(helper_date, today_)}, -1);

  // Issuers and numbers.
  const UnitRec& grassroots_unit = data_.units[static_cast<std::size_t>(g.unit)];
  const UnitRec& cell_unit = data_.units[static_cast<std::size_t>(cell.unit)];
  parties.cell_name = cell_unit.name;
  parties.cell_committee = "Chi ủy " + parties.cell_name;
  const bool authorised = grassroots_unit.authorised;
  parties.decider = authorised ? g.committee_name : decider_;
  parties.decision_suffix = authorised ? std::string("QĐ/ĐU") : "QĐ/" + spec_.decision_suffix;
  if (cell.intermediate) {
    parties.intermediate_name = data_.units[static_cast<std::size_t>(cell_unit.parent)].name;
  }
  return parties;
}

CaseRec DistrictGenerator::RecordCase(int cell_index, const CaseStory& story,
                                      const std::vector<Planned>& schedule) {
  CaseRec rec;
  rec.person = story.applicant.index;
  rec.cell = cell_index;
  rec.header.category = story.applicant.category;
  rec.header.opened_on = story.timeline.opened;
  rec.header.stage = story.scenario.stage;
  int seq = 0;
  int request_number = 0;
  for (const Planned& p : schedule) {
    EventRec er;
    CaseEvent& e = er.event;
    e.seq = ++seq;
    e.action = p.action;
    e.date = p.date;
    e.actor = "demo";
    e.recorded_at =
        FormatIsoDate(std::min(Plus(p.date, rng_.Between(0, 3)), today_)) + "T02:00:00Z";
    DocumentProcedureStep(story, p, er, request_number);
    rec.events.push_back(std::move(er));
  }
  return rec;
}

// The steps up to the cell vote; the others go to DocumentDecisionStep().
void DistrictGenerator::DocumentProcedureStep(const CaseStory& story, const Planned& p,
                                              EventRec& er, int& request_number) {
  CaseEvent& e = er.event;
  auto doc = [&](std::string form, std::string number, std::string issuer) {
    e.documents.push_back({std::move(form), std::move(number), p.date, std::move(issuer)});
  };
  const GrassrootsRec& g = story.grassroots;
  const CaseParties& parties = story.parties;
  const Person& person = story.applicant.person;
  const std::array<Relative, 4>& relatives = story.applicant.relatives;
  const Scenario& sc = story.scenario;
  const CasePlan& plan = story.plan;
  const Date birth = story.applicant.birth;
  switch (p.action) {
    case Action::kMarkSympathiser:
      er.member = parties.sympathiser_helper;
      doc("NQ", Number(p.date, 1, "NQ/CB"), parties.cell_name);
      e.note =
          "Chi bộ ra nghị quyết đưa vào danh sách cảm tình Đảng, phân công đảng viên "
          "giúp đỡ";
      break;
    case Action::kAssignHelper:
      er.member = parties.ceremony_helper;
      e.note = "Phân công đảng viên chính thức giúp đỡ đảng viên dự bị";
      break;
    case Action::kRecordCertificate:
      doc("GCN-NT", fmt::format("{}/GCN-TTCT", rng_.Between(1, 900)), centre_name_);
      break;
    case Action::kOpenDossier:
      doc("1-KNĐ", "", person.full_name);
      doc("2-KNĐ", "", person.full_name);
      break;
    case Action::kStampBiography:
      doc("2-KNĐ", "", g.committee_name);
      e.note = "Đóng dấu giáp lai lý lịch";
      break;
    case Action::kRequestVerification: {
      const Relative& r = relatives[static_cast<std::size_t>(p.index)];
      e.relative_name = r.name;
      e.relation = r.relation;
      e.relative_is_member = r.is_member;
      // One letter per relative, numbered in sequence on the day they are sent.
      if (request_number == 0) request_number = rng_.Between(1, 120);
      doc("20-KNĐ", fmt::format("{}-CV/ĐU", request_number + p.index), g.committee_name);
      if (r.is_member) e.note = "Đảng viên, đã khai đầy đủ: không phải thẩm tra";
      break;
    }
    case Action::kRecordVerificationReply: {
      const Relative& r = relatives[static_cast<std::size_t>(p.index)];
      e.relative_name = r.name;
      e.relation = r.relation;
      e.finding = r.finding;
      doc("20-KNĐ", Number(p.date, 2, "CV/ĐU"), r.replier);
      if (r.finding == Finding::kPoliticalIssue) {
        e.note = "Có vấn đề chính trị chưa được làm rõ (Quy định 58-QĐ/TW)";
      }
      break;
    }
    case Action::kConcludeVerification:
      doc("2-KNĐ", Number(p.date, 2, "BC/ĐU"), g.committee_name);
      e.note = "Chứng nhận lý lịch người xin vào Đảng";
      break;
    case Action::kAddIntroducer: {
      int member = p.index == 0 ? parties.introducer1 : parties.introducer2;
      er.member = member;
      int age_at_letter = WholeMonthsBetween(birth, p.date);
      int months = rng_.Between(13, std::max(13, std::min(120, age_at_letter - 150)));
      e.together_since = AddMonths(p.date, -months);
      if (sc.anomaly == Anomaly::kR5Short && p.index == 1) {
        e.together_since = AddMonths(p.date, -11);
        e.note = "Nhập từ hồ sơ giấy";
      }
      doc("3-KNĐ", "", data_.people[static_cast<std::size_t>(member)].person.full_name);
      break;
    }
    case Action::kRecordUnionResolution:
      doc("4-KNĐ", Number(p.date, 1, "NQ/ĐTN"), g.youth_union);
      break;
    case Action::kRecordOpinions:
      doc("5-KNĐ", "", parties.cell_committee);
      break;
    case Action::kRecordConsent:
      e.consent = plan.consent;
      if (plan.consent == ConsentKind::kOver60) {
        doc("CV", Number(p.date, 2, "CV/TU"), "Ban Thường vụ " + province_.name);
        e.note = "Đồng ý kết nạp người trên 60 tuổi có uy tín, nơi chưa có đảng viên";
      } else {
        doc("CV", Number(p.date, 2, "CV/ĐU"), g.committee_name);
        e.note = "Người dân tộc thiểu số ở xã đặc biệt khó khăn: tốt nghiệp tiểu học";
      }
      break;
    default:
      DocumentDecisionStep(story, p, er);
      break;
  }
}

// The cell vote and every step after it.
void DistrictGenerator::DocumentDecisionStep(const CaseStory& story, const Planned& p,
                                             EventRec& er) {
  CaseEvent& e = er.event;
  auto doc = [&](std::string form, std::string number, std::string issuer) {
    e.documents.push_back({std::move(form), std::move(number), p.date, std::move(issuer)});
  };
  const GrassrootsRec& g = story.grassroots;
  const Scenario& sc = story.scenario;
  const CaseParties& parties = story.parties;
  const Person& person = story.applicant.person;
  const Timeline& t = story.timeline;
  const bool recognition = p.action == Action::kRecognitionIntermediate ||
                           p.action == Action::kRecognitionGrassrootsVote ||
                           p.action == Action::kRecognitionDecision;
  switch (p.action) {
    case Action::kCellVote:
      er.vote = VoteKind::kCell;
      doc("6-KNĐ", Number(p.date, 1, "NQ/CB"), parties.cell_name);
      doc("BB", "", parties.cell_name);
      break;
    // The committees above the cell act alike on the admission and on the recognition as an
    // official member; only the forms differ.
    case Action::kIntermediateAppraisal:
    case Action::kRecognitionIntermediate:
      doc(recognition ? "14-KNĐ" : "7-KNĐ", Number(p.date, 1, "BC/ĐUBP"),
          parties.intermediate_name);
      break;
    case Action::kGrassrootsVote:
    case Action::kRecognitionGrassrootsVote:
      er.vote = recognition ? VoteKind::kRecognitionGrassroots : VoteKind::kGrassroots;
      doc(recognition ? "15-KNĐ" : "8-KNĐ", Number(p.date, 2, "NQ/ĐU"), g.committee_name);
      break;
    case Action::kExtendDecision:
      e.extension_working_days = rng_.Between(25, 30);
      doc("CV", Number(p.date, 2, "CV/" + spec_.decision_suffix), parties.decider);
      e.note = "Gia hạn do cần xác minh thêm lý lịch";
      break;
    case Action::kAdmissionDecision:
    case Action::kRecognitionDecision:
      doc(recognition ? "16-KNĐ" : "9-KNĐ", Number(p.date, 4, parties.decision_suffix),
          parties.decider);
      if (!recognition) e.received_on = std::min(t.received, today_);
      break;
    case Action::kCeremony:
      doc("BB", "", parties.cell_name);
      e.note = "Lễ kết nạp, tuyên thệ";
      break;
    case Action::kRecordNewMemberCertificate:
      doc("GCN-ĐVM", fmt::format("{}/GCN-TTCT", rng_.Between(1, 900)), centre_name_);
      break;
    case Action::kRecognitionCellVote:
      er.vote = VoteKind::kRecognitionCell;
      doc("10-KNĐ", "", person.full_name);
      doc("11-KNĐ", "",
          data_.people[static_cast<std::size_t>(parties.ceremony_helper)].person.full_name);
      doc("12-KNĐ", "", parties.cell_committee);
      doc("13-KNĐ", Number(p.date, 1, "NQ/CB"), parties.cell_name);
      break;
    case Action::kWithdraw:
      e.note = std::string(rng_.Pick(std::span<const std::string_view>(kWithdrawReasons)));
      break;
    case Action::kRejectAdmission:
      if (sc.anomaly == Anomaly::kPoliticalIssue) {
        doc("TB", Number(p.date, 2, "TB/ĐU"), g.committee_name);
        e.note = "Thẩm tra lý lịch có vấn đề chính trị (Quy định 58-QĐ/TW): không đủ điều kiện";
      } else {
        doc("TB", Number(p.date, 2, "TB/" + spec_.decision_suffix), parties.decider);
        e.note = "Ban Thường vụ không đồng ý kết nạp: chưa đủ tiêu chuẩn";
      }
      break;
    case Action::kRemoveName:
    case Action::kCancelDecision:
      doc("QĐ", Number(p.date, 4, parties.decision_suffix), parties.decider);
      e.note = p.action == Action::kRemoveName ? "Không đủ tư cách đảng viên trong thời gian dự bị"
                                               : "Phát hiện khai không trung thực trong lý lịch";
      break;
    default:  // kExtendRecognitionDecision records no document
      break;
  }
}

void DistrictGenerator::AddApplicantMembership(int cell_index, Stage final_stage,
                                               Applicant applicant,
                                               const std::vector<Planned>& schedule) {
  const int person_index = applicant.index;
  // Membership follows the procedure (S13, P1, P6), as service/case_service writes it.
  std::optional<Date> ceremony;
  std::optional<Date> exit;
  for (const Planned& p : schedule) {
    if (p.action == Action::kCeremony) ceremony = p.date;
    if (p.action == Action::kRemoveName) exit = p.date;
  }
  data_.people.push_back({std::move(applicant.person), cell_index});
  CellRec& mutable_cell = data_.cells[static_cast<std::size_t>(cell_index)];
  if (ceremony) {
    auto add = [&](MembershipKind kind, Date from, std::optional<Date> to) {
      mutable_cell.memberships.push_back(static_cast<int>(data_.memberships.size()));
      data_.memberships.push_back({person_index, cell_index, kind, from, to});
    };
    if (final_stage == Stage::kOfficial) {
      Date official = AddMonths(*ceremony, 12);
      add(MembershipKind::kProbationary, *ceremony, Plus(official, -1));
      add(MembershipKind::kOfficial, official, std::nullopt);
    } else if (exit) {
      add(MembershipKind::kProbationary, *ceremony, *exit);
    } else {
      add(MembershipKind::kProbationary, *ceremony, std::nullopt);
    }
  }
}

}  // namespace ptdv::demo

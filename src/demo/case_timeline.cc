#include "demo/case_timeline.h"

#include <algorithm>

#include "demo/demo_tables.h"

namespace ptdv::demo {

Date OfficeDay(const WorkingCalendar& calendar, Date d) {
  for (int i = 0; i < 15 && !calendar.IsWorkingDay(d); ++i) d = Plus(d, 1);
  return d;
}

Timeline ComputeTimeline(const WorkingCalendar& calendar, Date t0, const Gaps& g,
                         const CasePlan& plan) {
  auto Office = [&](Date d) { return OfficeDay(calendar, d); };
  Timeline t{};
  t.opened = t0;
  t.sympathiser = Plus(t0, g.sympathiser);
  t.certificate = Office(Plus(t.sympathiser, g.certificate));
  t.dossier = Plus(t.certificate, g.dossier);
  t.stamp = Office(Plus(t.dossier, g.stamp));
  t.requests = Office(Plus(t.stamp, g.requests));
  Date last_reply = t.requests;
  for (int i = 0; i < 4; ++i) {
    t.replies[static_cast<std::size_t>(i)] =
        Office(Plus(t.requests, g.replies[static_cast<std::size_t>(i)]));
    if (i < plan.relatives && !plan.relative_is_member[static_cast<std::size_t>(i)]) {
      last_reply = std::max(last_reply, t.replies[static_cast<std::size_t>(i)]);
    }
  }
  t.conclude = Office(Plus(last_reply, g.conclude));
  t.intro1 = Plus(t.conclude, g.intro1);
  t.intro2 = Plus(t.intro1, g.intro2);
  t.union_resolution = Plus(t.intro1, g.union_resolution);
  t.opinions = Plus(std::max(t.intro2, t.union_resolution), g.opinions);
  t.consent = Office(Plus(t.opinions, g.consent));
  t.cell_vote = Plus(plan.consent ? t.consent : t.opinions, g.cell_vote);
  t.intermediate = Office(Plus(t.cell_vote, g.intermediate));
  Date before_grassroots = plan.intermediate ? t.intermediate : t.cell_vote;
  t.grassroots = Office(Plus(before_grassroots, g.grassroots));
  Date before_decision = plan.grassroots_cell ? before_grassroots : t.grassroots;
  t.extension = Office(Plus(t.cell_vote, g.extension));
  t.decision = Office(std::max(Plus(t.cell_vote, g.decision), Plus(before_decision, 3)));
  t.received = Plus(t.decision, g.received);
  t.ceremony = Plus(t.received, g.ceremony);
  t.helper = Plus(t.ceremony, g.helper);
  t.new_member_certificate = Office(Plus(t.ceremony, g.new_member_certificate));
  t.probation_end = AddMonths(t.ceremony, 12);
  t.recognition_vote = Plus(t.probation_end, g.recognition_vote);
  t.recognition_intermediate = Office(Plus(t.recognition_vote, g.recognition_intermediate));
  Date before_rec_grassroots = plan.intermediate ? t.recognition_intermediate : t.recognition_vote;
  t.recognition_grassroots = Office(Plus(before_rec_grassroots, g.recognition_grassroots));
  Date before_rec_decision =
      plan.grassroots_cell ? before_rec_grassroots : t.recognition_grassroots;
  t.recognition_decision = Office(
      std::max(Plus(t.recognition_vote, g.recognition_decision), Plus(before_rec_decision, 2)));
  // The exit follows the last required step reached (optional ones are cut at the exit).
  Date last = t.opened;
  for (const Planned& p : ScheduleEvents(t, plan, Date::min())) last = std::max(last, p.date);
  t.exit = Plus(last, g.exit);
  return t;
}

// The events of `plan` with their dates, in procedure order (not yet sorted by date). Optional
// events dated after `limit` are left out. The exit event, if any, is included only when

std::vector<Planned> ScheduleEvents(const Timeline& t, const CasePlan& plan, Date limit) {
  std::vector<Planned> out;
  const int lv = plan.level;
  Date optional_limit = limit;
  if (plan.exit && t.exit != Date{}) optional_limit = std::min(limit, t.exit);
  if (lv >= kLvSympathiser) out.push_back({Action::kMarkSympathiser, t.sympathiser});
  if (lv >= kLvCertificate) out.push_back({Action::kRecordCertificate, t.certificate});
  if (lv >= kLvDossier) out.push_back({Action::kOpenDossier, t.dossier});
  if (lv >= kLvStamp) out.push_back({Action::kStampBiography, t.stamp});
  if (lv >= kLvRequests) {
    for (int i = 0; i < plan.relatives; ++i) {
      out.push_back({Action::kRequestVerification, t.requests, i});
    }
    for (int i = 0; i < plan.relatives; ++i) {
      const auto r = static_cast<std::size_t>(i);
      if (plan.relative_is_member[r] || i == plan.withheld_reply) continue;
      if (lv >= kLvReplies || t.replies[r] <= optional_limit) {
        out.push_back({Action::kRecordVerificationReply, t.replies[r], i});
      }
    }
  }
  if (lv >= kLvConclude) out.push_back({Action::kConcludeVerification, t.conclude});
  if (lv >= kLvIntroducers) {
    out.push_back({Action::kAddIntroducer, t.intro1, 0});
    if (plan.youth_route) {
      out.push_back({Action::kRecordUnionResolution, t.union_resolution});
    } else {
      out.push_back({Action::kAddIntroducer, t.intro2, 1});
    }
  }
  if (lv >= kLvOpinions) {
    out.push_back({Action::kRecordOpinions, t.opinions});
    if (plan.consent) out.push_back({Action::kRecordConsent, t.consent});
  }
  if (lv >= kLvCellVote) out.push_back({Action::kCellVote, t.cell_vote});
  if (lv >= kLvIntermediate && plan.intermediate) {
    out.push_back({Action::kIntermediateAppraisal, t.intermediate});
  }
  if (lv >= kLvGrassroots && !plan.grassroots_cell) {
    out.push_back({Action::kGrassrootsVote, t.grassroots});
  }
  if (plan.extension) out.push_back({Action::kExtendDecision, t.extension});
  if (lv >= kLvDecision) out.push_back({Action::kAdmissionDecision, t.decision});
  if (lv >= kLvCeremony) {
    out.push_back({Action::kCeremony, t.ceremony});
    if (t.helper <= optional_limit) out.push_back({Action::kAssignHelper, t.helper});
    // P2: the new-member certificate is on file before the recognition vote.
    if (lv >= kLvRecognitionCellVote || t.new_member_certificate <= optional_limit) {
      out.push_back({Action::kRecordNewMemberCertificate, t.new_member_certificate});
    }
  }
  if (lv >= kLvRecognitionCellVote) {
    out.push_back({Action::kRecognitionCellVote, t.recognition_vote});
  }
  if (lv >= kLvRecognitionIntermediate && plan.intermediate) {
    out.push_back({Action::kRecognitionIntermediate, t.recognition_intermediate});
  }
  if (lv >= kLvRecognitionGrassroots && !plan.grassroots_cell) {
    out.push_back({Action::kRecognitionGrassrootsVote, t.recognition_grassroots});
  }
  if (lv >= kLvRecognitionDecision) {
    out.push_back({Action::kRecognitionDecision, t.recognition_decision});
  }
  if (plan.exit && t.exit != Date{}) out.push_back({*plan.exit, t.exit});
  return out;
}

Date LastEventDate(const Timeline& t, const CasePlan& plan) {
  Date last = t.opened;
  for (const Planned& p : ScheduleEvents(t, plan, Date::max())) last = std::max(last, p.date);
  return last;
}

Timeline PlaceTimeline(const WorkingCalendar& calendar, const Timeline& guess, const Gaps& gaps,
                       const CasePlan& plan, Date today, Date Timeline::*anchor_step, Date target) {
  Date t0 = Plus(today, DaysFrom(guess.*anchor_step, target));
  Timeline t = ComputeTimeline(calendar, t0, gaps, plan);
  for (int i = 0; i < 3 && t.*anchor_step != target; ++i) {
    t0 = Plus(t0, DaysFrom(t.*anchor_step, target));
    t = ComputeTimeline(calendar, t0, gaps, plan);
  }
  return t;
}

std::vector<Planned> DatedSchedule(const Timeline& t, const CasePlan& plan, Date today) {
  std::vector<Planned> schedule = ScheduleEvents(t, plan, today);
  std::stable_sort(schedule.begin(), schedule.end(),
                   [](const Planned& a, const Planned& b) { return a.date < b.date; });
  for (Planned& p : schedule) p.date = std::min(p.date, today);
  return schedule;
}

}  // namespace ptdv::demo

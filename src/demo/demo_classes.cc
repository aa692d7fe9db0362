#include "demo/demo_classes.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "demo/demo_names.h"
#include "demo/demo_tables.h"

namespace ptdv::demo {
namespace {

// The Huế conference of 20/10/2023 asked for more, shorter awareness classes (DOMAIN header).
Date ConferenceDay() { return MakeDate(2023, 10, 20); }

struct Certificate {
  ClassKind kind;
  Date date;
  int case_index;
  int event_index;
};

int TopUnit(const DistrictData& data) {
  for (std::size_t i = 0; i < data.units.size(); ++i) {
    if (data.units[i].parent < 0) return static_cast<int>(i);
  }
  return 0;
}

// `d`, or the nearest working day in the direction `step` (+1 or -1).
Date WorkingDayFrom(const WorkingCalendar& calendar, Date d, int step) {
  while (!calendar.IsWorkingDay(d)) d = Plus(d, step);
  return d;
}

// A class of one session per working day (DOMAIN §6), the last on `ends_on`.
TrainingClass MakeClass(const WorkingCalendar& calendar, ClassKind kind, ClassFormat format,
                        const std::string& code, const std::string& name, Date ends_on,
                        int capacity, int min_attendance_percent) {
  const int sessions = format == ClassFormat::kShortened ? 3 : 5;
  Date starts_on = ends_on;
  for (int held = 1; held < sessions;) {
    starts_on = Plus(starts_on, -1);
    if (calendar.IsWorkingDay(starts_on)) ++held;
  }
  return {.kind = kind,
          .code = code,
          .name = name,
          .format = format,
          .place = "Hội trường Trung tâm Chính trị",
          .capacity = capacity,
          .starts_on = starts_on,
          .ends_on = ends_on,
          .session_count = sessions,
          .min_attendance_percent = min_attendance_percent};
}

std::string ClassName(ClassKind kind, int number, int year) {
  return fmt::format("{} khóa {} năm {}",
                     kind == ClassKind::kAwareness
                         ? "Lớp bồi dưỡng nhận thức về Đảng"
                         : "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới",
                     number, year);
}

std::string ClassCode(const std::string& district, ClassKind kind, int year, int number) {
  return fmt::format("{}-{}-{}-{:02}", district, kind == ClassKind::kAwareness ? "NT" : "DVM", year,
                     number);
}

// A sympathiser whose case waits for the awareness class: the last thing recorded is the cell's
// resolution putting them on the sympathiser list (S0), and nothing closed the case.
bool AwaitsClass(const CaseRec& c) {
  return !c.events.empty() && c.events.back().event.action == Action::kMarkSympathiser;
}

}  // namespace

std::vector<ClassRec> PlanClasses(DistrictData& data, const std::string& district_code,
                                  const WorkingCalendar& calendar, Date today,
                                  int min_attendance_percent, std::uint64_t seed) {
  DemoRandom rng(seed);
  const int organiser = TopUnit(data);
  std::vector<Certificate> certificates;
  for (std::size_t ci = 0; ci < data.cases.size(); ++ci) {
    const auto& events = data.cases[ci].events;
    for (std::size_t ei = 0; ei < events.size(); ++ei) {
      const Action a = events[ei].event.action;
      if (a != Action::kRecordCertificate && a != Action::kRecordNewMemberCertificate) continue;
      certificates.push_back(
          {a == Action::kRecordCertificate ? ClassKind::kAwareness : ClassKind::kNewMember,
           events[ei].event.date, static_cast<int>(ci), static_cast<int>(ei)});
    }
  }
  std::sort(certificates.begin(), certificates.end(), [](const auto& a, const auto& b) {
    return std::tie(a.kind, a.date, a.case_index) < std::tie(b.kind, b.date, b.case_index);
  });

  // One class per kind and month of certificates; numbered per kind and year.
  std::vector<ClassRec> classes;
  std::map<std::pair<ClassKind, int>, int> per_year;  // classes so far
  std::map<ClassKind, int> certificate_number;        // the running series of each kind
  for (std::size_t i = 0; i < certificates.size();) {
    const Certificate& first = certificates[i];
    std::size_t end = i;
    while (end < certificates.size() && certificates[end].kind == first.kind &&
           YearOf(certificates[end].date) == YearOf(first.date) &&
           MonthOf(certificates[end].date) == MonthOf(first.date)) {
      ++end;
    }
    const int year = YearOf(first.date);
    const int number = ++per_year[{first.kind, year}];
    // After the conference two awareness classes in three are held in the shortened format.
    const ClassFormat format =
        first.kind == ClassKind::kAwareness && first.date > ConferenceDay() && number % 3 != 0
            ? ClassFormat::kShortened
            : ClassFormat::kStandard;
    const int count = static_cast<int>(end - i);
    ClassRec rec{.training_class = MakeClass(calendar, first.kind, format,
                                             ClassCode(district_code, first.kind, year, number),
                                             ClassName(first.kind, number, year), first.date,
                                             std::max(40, count), min_attendance_percent),
                 .organiser_unit = organiser};
    for (std::size_t k = i; k < end; ++k) {
      const Certificate& c = certificates[k];
      ClassLearner learner{.case_index = c.case_index,
                           .event_index = c.event_index,
                           .sessions_attended = rec.training_class.session_count};
      // One learner in nine missed a session of a standard class, still above the minimum.
      if (format == ClassFormat::kStandard && rng.Chance(111) &&
          (rec.training_class.session_count - 1) * 100 >=
              min_attendance_percent * rec.training_class.session_count) {
        learner.sessions_attended -= 1;
      }
      learner.certificate_number = fmt::format("{}/GCN-TTCT", ++certificate_number[first.kind]);
      learner.certificate_date = c.date;
      CaseEvent& event = data.cases[static_cast<std::size_t>(c.case_index)]
                             .events[static_cast<std::size_t>(c.event_index)]
                             .event;
      for (Document& d : event.documents) {
        if (d.form_code.starts_with("GCN")) d.number = learner.certificate_number;
      }
      rec.learners.push_back(std::move(learner));
    }
    classes.push_back(std::move(rec));
    i = end;
  }

  // Around today: an awareness class that ended a few days ago (results and certificates still
  // to record), one ending in two weeks with the sympathisers the wards nominated, and a
  // new-member class in about four weeks with free places.
  std::vector<int> waiting;
  for (std::size_t ci = 0; ci < data.cases.size(); ++ci) {
    if (AwaitsClass(data.cases[ci])) waiting.push_back(static_cast<int>(ci));
  }
  const int year = YearOf(today);
  const auto next_number = [&](ClassKind kind) { return ++per_year[{kind, year}]; };
  {
    const int n = next_number(ClassKind::kAwareness);
    ClassRec ended{.training_class = MakeClass(
                       calendar, ClassKind::kAwareness, ClassFormat::kShortened,
                       ClassCode(district_code, ClassKind::kAwareness, year, n),
                       ClassName(ClassKind::kAwareness, n, year),
                       WorkingDayFrom(calendar, Plus(today, -3), -1), 40, min_attendance_percent),
                   .organiser_unit = organiser};
    for (std::size_t k = 0; k < waiting.size() && k < 10; ++k) {
      ended.learners.push_back({.case_index = waiting[k],
                                .assessment = Assessment::kPending,
                                .sessions_attended = k == 4 ? 1 : 3});
    }
    classes.push_back(std::move(ended));
  }
  {
    const int n = next_number(ClassKind::kAwareness);
    ClassRec opening{.training_class = MakeClass(
                         calendar, ClassKind::kAwareness, ClassFormat::kStandard,
                         ClassCode(district_code, ClassKind::kAwareness, year, n),
                         ClassName(ClassKind::kAwareness, n, year),
                         WorkingDayFrom(calendar, Plus(today, 14), 1), 40, min_attendance_percent),
                     .organiser_unit = organiser};
    for (std::size_t k = 10; k < waiting.size() && k < 18; ++k) {
      opening.learners.push_back(
          {.case_index = waiting[k],
           .state = k < 13 ? EnrolmentState::kEnrolled : EnrolmentState::kNominated,
           .assessment = Assessment::kPending});
    }
    classes.push_back(std::move(opening));
  }
  {
    const int n = next_number(ClassKind::kNewMember);
    classes.push_back(
        {.training_class =
             MakeClass(calendar, ClassKind::kNewMember, ClassFormat::kStandard,
                       ClassCode(district_code, ClassKind::kNewMember, year, n),
                       ClassName(ClassKind::kNewMember, n, year),
                       WorkingDayFrom(calendar, Plus(today, 25), 1), 40, min_attendance_percent),
         .organiser_unit = organiser});
  }
  return classes;
}

Status WriteClasses(BatchWriter& writer, const DistrictData& data, std::vector<ClassRec>& classes,
                    const WorkingCalendar& calendar, Date today, std::uint64_t seed) {
  DemoRandom rng(seed);
  // The unit row valid on a date (the 2021-2024 row or its continuation, DOMAIN §1).
  const auto row = [&](int unit, Date on) {
    const UnitRec& u = data.units[static_cast<std::size_t>(unit)];
    return on <= TreeTo() || u.id == 0 ? u.historical_id : u.id;
  };
  for (ClassRec& rec : classes) {
    TrainingClass& tc = rec.training_class;
    tc.organiser_id = row(rec.organiser_unit, std::min(tc.starts_on, today));
    PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
    PTDV_ASSIGN_OR_RETURN(tc.id, tx->Classes().Insert(tc));
    long rows = 1;
    for (const ClassLearner& learner : rec.learners) {
      const CaseRec& c = data.cases[static_cast<std::size_t>(learner.case_index)];
      const CellRec& cell = data.cells[static_cast<std::size_t>(c.cell)];
      const GrassrootsRec& g = data.grassroots[static_cast<std::size_t>(cell.grassroots)];
      Enrolment e{.class_id = tc.id,
                  .person_id = data.people[static_cast<std::size_t>(c.person)].person.id,
                  .case_id = c.header.id,
                  .nominating_org_id = row(g.unit, std::min(tc.starts_on, today)),
                  .state = learner.state,
                  .assessment = learner.assessment};
      PTDV_ASSIGN_OR_RETURN(e.id, tx->Classes().InsertEnrolment(e));
      ++rows;
      if (learner.certificate_date) {
        unsigned char random[8];
        const std::uint64_t bits = rng.Next();
        for (int b = 0; b < 8; ++b) random[b] = static_cast<unsigned char>(bits >> (8 * b));
        e.certificate_number = learner.certificate_number;
        e.certificate_date = learner.certificate_date;
        e.verification_code = EncodeVerificationCode(random);
        PTDV_RETURN_IF_ERROR(tx->Classes().UpdateEnrolment(e));
      }
      // Attendance of the sessions held so far: the first `sessions_attended` present.
      Date day = tc.starts_on;
      for (int session = 1; session <= tc.session_count; ++session) {
        while (!calendar.IsWorkingDay(day) && day < tc.ends_on) day = Plus(day, 1);
        if (day > today) break;
        day = Plus(day, 1);
        PTDV_RETURN_IF_ERROR(
            tx->Classes().PutAttendance({.enrolment_id = e.id,
                                         .session = session,
                                         .present = session <= learner.sessions_attended}));
        ++rows;
      }
    }
    PTDV_RETURN_IF_ERROR(writer.Wrote(rows));
  }
  return Ok();
}

}  // namespace ptdv::demo

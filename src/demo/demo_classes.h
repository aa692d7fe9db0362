#pragma once

// The Political Centre's classes of the Huế demo (DOMAIN §1, S1, R3, P2): every awareness and
// new-member certificate that a demo case records comes from a class held before it, and a few
// classes around `today` show the Centre's daily work — one just ended and waiting for its
// results and certificates, one about to open with sympathisers the wards nominated, and a
// new-member class with free places (docs/demo-data.md). Internal to src/demo.

#include <cstdint>
#include <vector>

#include "demo/district_data.h"
#include "demo/district_writer.h"
#include "domain/date.h"
#include "domain/result.h"
#include "domain/training.h"
#include "domain/working_calendar.h"

namespace ptdv::demo {

struct ClassLearner {
  int case_index = 0;    // into DistrictData::cases
  int event_index = -1;  // the certificate event, -1 for a learner not yet certified
  EnrolmentState state = EnrolmentState::kEnrolled;
  Assessment assessment = Assessment::kPassed;
  int sessions_attended = 0;
  std::string certificate_number;
  std::optional<Date> certificate_date;
};

struct ClassRec {
  TrainingClass training_class;  // organiser_id and id are set when written
  int organiser_unit = 0;        // into DistrictData::units: the district's committee
  std::vector<ClassLearner> learners;
};

// Plans the classes of a district: groups its cases' certificates by kind and month into classes
// of one session per working day that end on the earliest certificate date of the group (the
// standard format before the Huế conference of 20/10/2023, the shortened one for most classes after
// it), numbers each certificate in its class's series and writes that number into the case's
// certificate event, and adds the classes around `today`. Deterministic for a seed.
std::vector<ClassRec> PlanClasses(DistrictData& data, const std::string& district_code,
                                  const WorkingCalendar& calendar, Date today,
                                  int min_attendance_percent, std::uint64_t seed);

// Writes the planned classes, their enrolments, attendance and certificates. REQUIRES: the cases
// are written (CaseRec::header.id set).
Status WriteClasses(BatchWriter& writer, const DistrictData& data, std::vector<ClassRec>& classes,
                    const WorkingCalendar& calendar, Date today, std::uint64_t seed);

}  // namespace ptdv::demo

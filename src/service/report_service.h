#pragma once

// The §7 report of admissions (DOMAIN §7, Hướng dẫn 11-HD/BTCTW): for an
// organisation's subtree as of a date and a period of admission decisions, one row for the unit
// and one per direct child with every breakdown of domain/admission_statistics.h, the
// grassroots organisations that admitted at least one, the members at the start of the year
// with the admission rate, and the target with its achievement. Read-only; one transaction.

#include <optional>
#include <vector>

#include "domain/admission_statistics.h"
#include "service/actor.h"
#include "service/clock.h"
#include "service/org_service.h"
#include "storage/store.h"

namespace ptdv {

struct AdmissionReportRow {
  Organisation org;
  AdmissionTally tally;
  int grassroots_total = 0;       // grassroots organisations (committees and chi bộ cơ sở)
  int grassroots_admitting = 0;   // … of which admitted at least one in the period
  int members_start_of_year = 0;  // distinct people with a membership valid on 1/1
  std::optional<int> target;      // the unit's target (all categories) of the period's year,
                                  // with those of the units it took over (TargetsCarried)
  // The units it took over before `as_of` that existed during the period (DOMAIN §1): their
  // cells' figures are in this row, as the cells belong to it on `as_of`. Names, by code.
  std::vector<std::string> folded;

  std::optional<double> AdmissionRatePercent() const {
    return Percent(tally.admitted, members_start_of_year);
  }
  std::optional<double> AchievementPercent() const {
    return target ? Percent(tally.admitted, *target) : std::nullopt;
  }
};

struct AdmissionReport {
  Organisation org;
  Date from{}, to{}, as_of{};
  // rows[0] is the unit itself (the total), then its direct children valid on `as_of` that can
  // hold members (the Political Centre and the organisation board are left out), by code.
  std::vector<AdmissionReportRow> rows;
};

// A member admitted or recognised in a period, with what the national member database asks at
// entry (the hand-off list): the person, the case with its dates, the decisions' numbers, the
// cell and its grassroots organisation.
struct NewMemberRow {
  Person person;
  Case header;
  std::string admission_decision;    // the number of the 9-KNĐ recorded, or ""
  std::string recognition_decision;  // the number of the 16-KNĐ recorded, or ""
  std::string cell_name;
  std::string grassroots_name;
};

struct NewMembers {
  Organisation org;
  Date from{}, to{};
  std::vector<NewMemberRow> rows;  // by admission date, then name
};

// Thread-safe if the Store is; holds no mutable state of its own.
class ReportService {
 public:
  explicit ReportService(Store& store);

  // The report of the subtree of `org_id` as of `as_of`, counting the cases of its cells with
  // an admission decision (S12) dated in [from, to], cancelled decisions excluded
  // (read_aggregates). Members at the start of the year: memberships valid on 1/1 of the year
  // of `from` in the subtree's units. kInvalid for from > to, a period spanning two years
  // (targets and rates are yearly), or a unit not valid on `as_of`; kNotFound for an unknown
  // unit; kForbidden outside the scope.
  Result<AdmissionReport> Admissions(const Actor& actor, Id org_id, Date from, Date to, Date as_of);
  // Admissions of the unit `which` names; errors as ChosenOrganisation besides.
  Result<AdmissionReport> Admissions(const Actor& actor, const OrgChoice& which, Date from, Date to,
                                     Date as_of);

  // The members of the subtree of `which` admitted (S12 decision) or recognised as official (P6)
  // in [from, to], the admission not cancelled: the list handed to the national member database
  // so nobody types them again. Personal data: kForbidden without read_personal; kInvalid for
  // from > to; errors as ChosenOrganisation besides.
  Result<NewMembers> NewMembersIn(const Actor& actor, const OrgChoice& which, Date from, Date to);

 private:
  Store& store_;
};

}  // namespace ptdv

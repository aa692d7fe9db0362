#include "demo/district_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "demo/demo_classes.h"
#include "demo/demo_names.h"
#include "demo/demo_tables.h"

namespace ptdv::demo {
namespace {

// Huế's units are effective-dated (DOMAIN §1); generated units are not. A continued unit has
// a 2021-2024 row and a continuation row from 2025 that takes the stable code.
Status WriteUnits(BatchWriter& writer, const WriteContext& wc, Id province_id, bool dated,
                  bool continued, DistrictData& data, DemoSummary& summary) {
  const Date today = wc.options.today;
  for (UnitRec& u : data.units) {
    Organisation org;
    org.kind = u.kind;
    org.name = u.name;
    org.authorised_to_admit = u.authorised;
    org.committee_member_count = u.committee_member_count;
    const UnitRec* parent =
        u.parent >= 0 ? &data.units[static_cast<std::size_t>(u.parent)] : nullptr;
    if (continued) {
      // The continuation row takes the stable code and holds the open cases.
      org.code = u.code;
      org.parent_id = parent ? parent->id : province_id;
      org.valid_from = ContinuationFrom();
      PTDV_ASSIGN_OR_RETURN(u.id, InsertUnit(writer, org));
      org.code = u.code + "-2021";
      org.parent_id = parent ? parent->historical_id : province_id;
      org.valid_from = TreeFrom();
      org.valid_to = TreeTo();
      org.successor_id = u.id;
      PTDV_ASSIGN_OR_RETURN(u.historical_id, InsertUnit(writer, org));
      summary.organisations += 2;
    } else {
      org.code = u.code;
      org.parent_id = parent ? parent->id : province_id;
      org.valid_from = TreeFrom();
      if (dated) org.valid_to = TreeTo();
      PTDV_ASSIGN_OR_RETURN(u.id, InsertUnit(writer, org));
      u.historical_id = u.id;
      summary.organisations += 1;
    }
    if (u.kind == OrgKind::kGrassrootsCommittee || u.kind == OrgKind::kGrassrootsCell) {
      if (!dated || continued || today <= TreeTo()) ++summary.grassroots;
    }
  }
  return Ok();
}

Status WritePeople(BatchWriter& writer, const CellRows& cells, Date today, DistrictData& data,
                   DemoSummary& summary) {
  // People: the unit that keeps the record is the cell they were last in.
  std::vector<Date> last_day(data.people.size(), Date::min());
  for (const MembershipRec& m : data.memberships) {
    Date d = m.to ? std::min(today, *m.to) : today;
    last_day[static_cast<std::size_t>(m.person)] =
        std::max(last_day[static_cast<std::size_t>(m.person)], d);
  }
  for (Date& d : last_day) {
    if (d == Date::min()) d = today;
  }
  for (const CaseRec& c : data.cases) {
    if (!c.events.empty() && IsClosed(c.header.stage) && c.header.stage != Stage::kOfficial) {
      last_day[static_cast<std::size_t>(c.person)] = c.events.back().event.date;
    }
  }
  for (std::size_t i = 0; i < data.people.size(); ++i) {
    PersonRec& p = data.people[i];
    p.person.org_id = cells.On(p.cell, last_day[i]);
    PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
    PTDV_ASSIGN_OR_RETURN(p.person.id, tx->People().Insert(p.person));
    PTDV_RETURN_IF_ERROR(writer.Wrote(1));
  }
  summary.people += static_cast<long>(data.people.size());
  return Ok();
}

// Returns the rows written per person (indices of data.people).
Result<std::vector<std::vector<Membership>>> WriteMemberships(BatchWriter& writer,
                                                              const CellRows& cells, Date today,
                                                              const DistrictData& data,
                                                              DemoSummary& summary) {
  // Memberships, split at the continuation date when the unit was continued.
  std::vector<std::vector<Membership>> written(data.people.size());
  std::vector<bool> member_today(data.people.size(), false);
  auto insert_membership = [&](Membership m) -> Status {
    PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
    PTDV_ASSIGN_OR_RETURN(m.id, tx->Memberships().Insert(m));
    PTDV_RETURN_IF_ERROR(writer.Wrote(1));
    ++summary.memberships;
    return Ok();
  };
  for (const MembershipRec& rec : data.memberships) {
    const std::size_t person = static_cast<std::size_t>(rec.person);
    Membership m;
    m.person_id = data.people[person].person.id;
    m.kind = rec.kind;
    if (rec.from <= today && (!rec.to || today <= *rec.to)) member_today[person] = true;
    std::vector<Membership> parts;
    if (cells.continued() && rec.from <= TreeTo() && (!rec.to || *rec.to >= ContinuationFrom())) {
      Membership before = m;
      before.org_id = cells.On(rec.cell, rec.from);
      before.valid_from = rec.from;
      before.valid_to = TreeTo();
      Membership after = m;
      after.org_id = cells.On(rec.cell, ContinuationFrom());
      after.valid_from = ContinuationFrom();
      after.valid_to = rec.to;
      parts = {before, after};
    } else {
      m.org_id = cells.On(rec.cell, rec.from);
      m.valid_from = rec.from;
      m.valid_to = rec.to;
      parts = {m};
    }
    for (Membership& part : parts) {
      PTDV_RETURN_IF_ERROR(insert_membership(part));
      written[person].push_back(part);
    }
  }
  for (bool b : member_today) summary.members += b ? 1 : 0;
  return written;
}

// §7: Huế's admission targets under Nghị quyết 14-NQ/TU (10/12/2022), for every year the demo
// covers (from 2023, or the year before `today` when later, to the year of `today`), on the unit
// rows valid that year: the city's total, split among its 29 wards (4 or 5 each) and 7 communes
// (3 each) with the rest kept for its agencies, schools and enterprises; the city's targets for
// the source categories the conference of 20/10/2023 singled out (teachers, pupils and students,
// militia), each split among the wards so every ward's page shows progress by category
// (docs/demo-data.md). 2023 holds the figures of the news item (191 in all).
Status WriteHueTargets(BatchWriter& writer, const DistrictData& data, Date today) {
  int city = -1;
  for (std::size_t i = 0; i < data.units.size(); ++i) {
    if (data.units[i].kind == OrgKind::kCityCommittee) {
      city = static_cast<int>(i);
      break;
    }
  }
  if (city < 0) return Ok();
  constexpr int kAgencies = 40;  // agencies, schools and enterprises, not split here
  struct CategoryTarget {
    SourceCategory category;
    int count;      // the city's
    int every_nth;  // one for every n-th ward or commune
  };
  constexpr std::array<CategoryTarget, 3> kCategories = {{{SourceCategory::kTeacher, 25, 2},
                                                          {SourceCategory::kStudent, 30, 1},
                                                          {SourceCategory::kMilitia, 20, 2}}};
  const UnitRec& city_unit = data.units[static_cast<std::size_t>(city)];
  const int last_year = YearOf(today);
  long written = 0;
  PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
  for (int year = std::min(2023, last_year - 1); year <= last_year; ++year) {
    // The 2021-2024 rows hold the years to 2024, the continuation rows the later ones.
    const auto row = [&](const UnitRec& u) {
      return year <= YearOf(TreeTo()) || u.id == 0 ? u.historical_id : u.id;
    };
    const std::string basis = fmt::format(
        "Nghị quyết 14-NQ/TU (10/12/2022) của Ban Chấp hành Đảng bộ thành phố Huế; "
        "Kế hoạch phát triển đảng viên năm {}",
        year);
    std::vector<Target> splits;
    std::vector<const UnitRec*> wards;
    int ward_number = 0;
    for (const UnitRec& u : data.units) {
      if (u.kind != OrgKind::kGrassrootsCommittee || u.parent != city) continue;
      const bool commune = u.name.starts_with("Đảng ủy xã");
      if (!commune && !u.name.starts_with("Đảng ủy phường")) continue;
      if (row(u) == 0) continue;
      wards.push_back(&u);
      splits.push_back({.org_id = row(u),
                        .year = year,
                        .count = commune ? 3 : 4 + (ward_number++ % 2),
                        .legal_basis = basis});
    }
    int sum = 0;
    for (const auto& t : splits) sum += t.count;
    PTDV_ASSIGN_OR_RETURN(Id total, tx->Targets().Insert({.org_id = row(city_unit),
                                                          .year = year,
                                                          .count = sum + kAgencies,
                                                          .legal_basis = basis}));
    for (Target& t : splits) t.parent_id = total;
    for (const CategoryTarget& c : kCategories) {
      PTDV_ASSIGN_OR_RETURN(Id parent, tx->Targets().Insert({.org_id = row(city_unit),
                                                             .year = year,
                                                             .category = c.category,
                                                             .count = c.count,
                                                             .legal_basis = basis}));
      int given = 0;
      for (std::size_t i = 0; i < wards.size() && given < c.count; ++i) {
        if (i % static_cast<std::size_t>(c.every_nth) != 0) continue;
        splits.push_back({.org_id = row(*wards[i]),
                          .year = year,
                          .category = c.category,
                          .count = 1,
                          .legal_basis = basis,
                          .parent_id = parent});
        ++given;
      }
      ++written;
    }
    for (Target& t : splits) PTDV_RETURN_IF_ERROR(tx->Targets().Insert(t));
    written += static_cast<long>(splits.size()) + 1;
  }
  return writer.Wrote(written);
}

// S0: each of Huế's grassroots committees reviews its sources list monthly (the interval is the
// rule set's source_review_interval_months [?]), on the 10th of the 12 months before `today`,
// on the unit row valid that day. Every seventh committee skipped its last two reviews, so the
// sources page of the demo shows reviews both current and overdue.
Status WriteHueSourceReviews(BatchWriter& writer, const DistrictData& data, Date today) {
  int index = 0;
  long written = 0;
  PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
  for (const UnitRec& u : data.units) {
    if (u.kind != OrgKind::kGrassrootsCommittee) continue;
    const bool late = index++ % 7 == 3;
    for (int back = late ? 2 : 0; back < 12; ++back) {
      Date first = AddMonths(today, -back);
      Date on = MakeDate(YearOf(first), MonthOf(first), 10);
      if (on > today) continue;
      const Id org_id = on <= TreeTo() ? u.historical_id : u.id;
      if (org_id == 0) continue;
      PTDV_ASSIGN_OR_RETURN(
          Id review, tx->SourceReviews().Insert(
                         {.org_id = org_id,
                          .reviewed_on = on,
                          .note = "Rà soát danh sách quần chúng ưu tú, cảm tình Đảng hằng tháng",
                          .actor = "demo",
                          .recorded_at = FormatIsoDate(on) + "T09:00:00Z"}));
      (void)review;
      ++written;
    }
  }
  return writer.Wrote(written);
}

}  // namespace

Id CellRows::On(int cell, Date d) const {
  const UnitRec& u =
      data_.units[static_cast<std::size_t>(data_.cells[static_cast<std::size_t>(cell)].unit)];
  return continued_ && d <= TreeTo() ? u.historical_id : u.id;
}

Result<Id> InsertUnit(BatchWriter& writer, Organisation org) {
  PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
  PTDV_ASSIGN_OR_RETURN(Id id, tx->Organisations().Insert(org));
  PTDV_RETURN_IF_ERROR(writer.Wrote(1));
  return id;
}

Status WriteDistrict(BatchWriter& writer, const WriteContext& wc, Id province_id,
                     const DistrictSpec& spec, DistrictData& data, DemoSummary& summary) {
  const Date today = wc.options.today;
  const bool dated = spec.hue;
  const bool continued = dated && wc.continuation;
  PTDV_RETURN_IF_ERROR(WriteUnits(writer, wc, province_id, dated, continued, data, summary));
  const CellRows cells(data, continued);
  PTDV_RETURN_IF_ERROR(WritePeople(writer, cells, today, data, summary));
  PTDV_ASSIGN_OR_RETURN(auto written, WriteMemberships(writer, cells, today, data, summary));
  // S1, R3, P2: the Huế demo's certificates come from the Political Centre's classes.
  std::vector<ClassRec> classes;
  if (spec.hue) {
    const int min_attendance = wc.rule_sets.empty()
                                   ? RuleSet{}.class_min_attendance_percent
                                   : wc.rule_sets.back().class_min_attendance_percent;
    classes = PlanClasses(data, spec.code, wc.calendar, today, min_attendance,
                          MixSeed(wc.options.seed, spec.code + "/classes"));
  }
  PTDV_RETURN_IF_ERROR(WriteCases(writer, wc, cells, written, data, summary));
  if (spec.hue) {
    PTDV_RETURN_IF_ERROR(WriteClasses(writer, data, classes, wc.calendar, today,
                                      MixSeed(wc.options.seed, spec.code + "/codes")));
    PTDV_RETURN_IF_ERROR(WriteHueTargets(writer, data, today));
    PTDV_RETURN_IF_ERROR(WriteHueSourceReviews(writer, data, today));
  }
  return Ok();
}

}  // namespace ptdv::demo

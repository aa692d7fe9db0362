// The writer of the demo cases: each case header, projected from its events as the live
// system projects it, and its events, through the case repository.

#include "demo/district_writer.h"
#include "service/case_context.h"

namespace ptdv::demo {

Status WriteCases(BatchWriter& writer, const WriteContext& wc, const CellRows& cells,
                  const std::vector<std::vector<Membership>>& written, DistrictData& data,
                  DemoSummary& summary) {
  const Date today = wc.options.today;
  // Cases: the header as ProjectHeader computes it from the events, then the events.
  CaseContext ctx;
  ctx.rule_sets = wc.rule_sets;
  ctx.calendar = &wc.calendar;
  ctx.today = today;
  for (CaseRec& c : data.cases) {
    const CellRec& cell = data.cells[static_cast<std::size_t>(c.cell)];
    const GrassrootsRec& g = data.grassroots[static_cast<std::size_t>(cell.grassroots)];
    PersonRec& person = data.people[static_cast<std::size_t>(c.person)];
    CaseHistory history;
    history.header = c.header;
    history.header.person_id = person.person.id;
    Date case_day = today;
    if (IsClosed(c.header.stage) && !c.events.empty()) case_day = c.events.back().event.date;
    history.header.cell_id = cells.On(c.cell, case_day);
    history.events.reserve(c.events.size());
    ctx.member_memberships.clear();
    for (EventRec& er : c.events) {
      if (er.member >= 0) {
        const PersonRec& member = data.people[static_cast<std::size_t>(er.member)];
        er.event.member_person_id = member.person.id;
        ctx.member_memberships[member.person.id] = written[static_cast<std::size_t>(er.member)];
      }
      history.events.push_back(er.event);
    }
    ctx.person = person.person;
    int official_today = 0;
    for (int m : cell.memberships) {
      if (data.memberships[static_cast<std::size_t>(m)].OfficialOn(today)) ++official_today;
    }
    ctx.cell_official_count = official_today;
    ctx.committee_member_count =
        data.units[static_cast<std::size_t>(g.unit)].committee_member_count;
    ctx.has_intermediate_level = cell.intermediate;
    ctx.cell_is_grassroots = cell.grassroots_cell;
    ctx.youth_union_present = true;
    Case header = ProjectHeader(history, ctx);
    header.version = 1;
    PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
    PTDV_ASSIGN_OR_RETURN(header.id, tx->Cases().Insert(header));
    c.header.id = header.id;
    PTDV_RETURN_IF_ERROR(writer.Wrote(1));
    for (CaseEvent& e : history.events) {
      e.case_id = header.id;
      PTDV_ASSIGN_OR_RETURN(Transaction * event_tx, writer.Tx());
      PTDV_RETURN_IF_ERROR(event_tx->Cases().AppendEvent(e));
      PTDV_RETURN_IF_ERROR(writer.Wrote(1));
    }
    ++summary.cases;
    if (!IsClosed(header.stage)) ++summary.open_cases;
    summary.events += static_cast<long>(history.events.size());
    ++summary.cases_by_stage[header.stage];
  }
  return Ok();
}

}  // namespace ptdv::demo

#include "service/case_context.h"

#include <set>

namespace ptdv {

Result<CaseContext> LoadCaseContext(Transaction& tx, const CaseHistory& history,
                                    const std::vector<RuleSet>& rule_sets,
                                    const WorkingCalendar& calendar, Date today, Date on,
                                    std::optional<Id> extra_member) {
  CaseContext ctx;
  ctx.rule_sets = rule_sets;
  ctx.calendar = &calendar;
  ctx.today = today;
  PTDV_ASSIGN_OR_RETURN(ctx.person, tx.People().Get(history.header.person_id));
  PTDV_ASSIGN_OR_RETURN(auto chain, tx.Organisations().Ancestors(history.header.cell_id));
  if (chain.empty()) return Error::NotFound("Không tìm thấy chi bộ của hồ sơ");
  const Organisation& cell = chain.front();
  ctx.cell_is_grassroots = cell.kind == OrgKind::kGrassrootsCell;
  ctx.has_intermediate_level =
      chain.size() > 1 && chain[1].kind == OrgKind::kIntermediateCommittee;
  for (const auto& o : chain) {
    if (o.kind == OrgKind::kGrassrootsCommittee || o.kind == OrgKind::kGrassrootsCell) {
      ctx.committee_member_count = o.committee_member_count;
      break;
    }
  }
  PTDV_ASSIGN_OR_RETURN(ctx.cell_official_count,
                        tx.Memberships().CountOfficial(history.header.cell_id, on));
  std::set<Id> members;
  for (const auto& e : history.events) {
    if (e.member_person_id) members.insert(*e.member_person_id);
  }
  if (extra_member) members.insert(*extra_member);
  for (Id m : members) {
    PTDV_ASSIGN_OR_RETURN(ctx.member_memberships[m], tx.Memberships().ListForPerson(m));
  }
  return ctx;
}

}  // namespace ptdv

#include "service/case_context.h"

#include <set>

namespace ptdv {

CaseContextLoader::CaseContextLoader(Transaction& tx, const std::vector<RuleSet>& rule_sets,
                                     const WorkingCalendar& calendar, Date today, Date on)
    : tx_(tx), rule_sets_(rule_sets), calendar_(calendar), today_(today), on_(on) {}

Status CaseContextLoader::Prefetch(const std::vector<Id>& person_ids) {
  std::vector<Id> ids;
  for (Id id : person_ids) {
    if (!people_.contains(id)) ids.push_back(id);
  }
  if (ids.empty()) return Ok();
  PTDV_ASSIGN_OR_RETURN(auto people, tx_.People().GetMany(ids));
  for (auto& p : people) {
    Id id = p.id;
    people_.emplace(id, std::move(p));
  }
  return Ok();
}

Result<CaseContext> CaseContextLoader::Load(const CaseHistory& history,
                                            std::optional<Id> extra_member) {
  CaseContext ctx;
  ctx.rule_sets = rule_sets_;
  ctx.calendar = &calendar_;
  ctx.today = today_;
  auto person = people_.find(history.header.person_id);
  if (person == people_.end()) {
    PTDV_ASSIGN_OR_RETURN(Person p, tx_.People().Get(history.header.person_id));
    person = people_.emplace(p.id, std::move(p)).first;
  }
  ctx.person = person->second;

  auto cell = cells_.find(history.header.cell_id);
  if (cell == cells_.end()) {
    CellFacts facts;
    PTDV_ASSIGN_OR_RETURN(auto chain, tx_.Organisations().Ancestors(history.header.cell_id));
    if (chain.empty()) return Error::NotFound("Không tìm thấy chi bộ của hồ sơ");
    facts.is_grassroots = chain.front().kind == OrgKind::kGrassrootsCell;
    facts.has_intermediate_level =
        chain.size() > 1 && chain[1].kind == OrgKind::kIntermediateCommittee;
    for (const auto& o : chain) {
      if (o.kind == OrgKind::kGrassrootsCommittee || o.kind == OrgKind::kGrassrootsCell) {
        facts.committee_member_count = o.committee_member_count;
        break;
      }
    }
    PTDV_ASSIGN_OR_RETURN(facts.official_count,
                          tx_.Memberships().CountOfficial(history.header.cell_id, on_));
    cell = cells_.emplace(history.header.cell_id, facts).first;
  }
  ctx.cell_is_grassroots = cell->second.is_grassroots;
  ctx.has_intermediate_level = cell->second.has_intermediate_level;
  ctx.committee_member_count = cell->second.committee_member_count;
  ctx.cell_official_count = cell->second.official_count;

  std::set<Id> members;
  for (const auto& e : history.events) {
    if (e.member_person_id) members.insert(*e.member_person_id);
  }
  if (extra_member) members.insert(*extra_member);
  for (Id m : members) {
    auto known = memberships_.find(m);
    if (known == memberships_.end()) {
      PTDV_ASSIGN_OR_RETURN(auto list, tx_.Memberships().ListForPerson(m));
      known = memberships_.emplace(m, std::move(list)).first;
    }
    ctx.member_memberships[m] = known->second;
  }
  return ctx;
}

Result<CaseContext> LoadCaseContext(Transaction& tx, const CaseHistory& history,
                                    const std::vector<RuleSet>& rule_sets,
                                    const WorkingCalendar& calendar, Date today, Date on,
                                    std::optional<Id> extra_member) {
  CaseContextLoader loader(tx, rule_sets, calendar, today, on);
  return loader.Load(history, extra_member);
}

}  // namespace ptdv

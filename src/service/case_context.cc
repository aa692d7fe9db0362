#include "service/case_context.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace ptdv {
namespace {

void AppendInt(std::string& out, std::int64_t value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void AppendDate(std::string& out, Date date) { AppendInt(out, date.time_since_epoch().count()); }

// The distinct ids of `ids` that `known` does not know, in ascending order: what a prefetch
// still has to read.
template <typename Known>
std::vector<Id> Unknown(const std::vector<Id>& ids, Known known) {
  std::vector<Id> out;
  for (Id id : ids) {
    if (!known(id)) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<Id> NamedMembers(const CaseHistory& history) {
  std::vector<Id> members;
  for (const auto& e : history.events) {
    if (e.member_person_id) members.push_back(*e.member_person_id);
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  return members;
}

CaseContextLoader::CaseContextLoader(Transaction& tx, const std::vector<RuleSet>& rule_sets,
                                     const WorkingCalendar& calendar, Date today, Date on)
    : tx_(tx), rule_sets_(rule_sets), calendar_(calendar), today_(today), on_(on) {}

// The tree facts of a cell from its chain (the cell first, then up; not empty); the official
// count is filled by the caller.
CaseContextLoader::CellFacts CaseContextLoader::FactsOf(
    const std::vector<const Organisation*>& chain) {
  CellFacts facts;
  facts.is_grassroots = chain.front()->kind == OrgKind::kGrassrootsCell;
  facts.has_intermediate_level =
      chain.size() > 1 && chain[1]->kind == OrgKind::kIntermediateCommittee;
  for (const Organisation* o : chain) {
    if (o->kind == OrgKind::kGrassrootsCommittee || o->kind == OrgKind::kGrassrootsCell) {
      facts.committee_member_count = o->committee_member_count;
      break;
    }
  }
  return facts;
}

Status CaseContextLoader::Prefetch(const std::vector<Id>& person_ids) {
  const std::vector<Id> ids = Unknown(person_ids, [&](Id id) { return people_.contains(id); });
  if (ids.empty()) return Ok();
  PTDV_ASSIGN_OR_RETURN(auto people, tx_.People().GetMany(ids));
  for (auto& p : people) {
    Id id = p.id;
    people_.emplace(id, std::move(p));
  }
  return Ok();
}

Status CaseContextLoader::PrefetchCells(const std::vector<Id>& cell_ids) {
  const std::vector<Id> ids = Unknown(cell_ids, [&](Id id) { return cells_.contains(id); });
  if (ids.empty()) return Ok();
  PTDV_ASSIGN_OR_RETURN(auto units, tx_.Organisations().WithAncestors(ids));
  std::unordered_map<Id, const Organisation*> unit_of;
  for (const auto& o : units) unit_of[o.id] = &o;
  PTDV_ASSIGN_OR_RETURN(auto counts, tx_.Memberships().CountOfficialEach(ids, on_));
  std::unordered_map<Id, int> official(counts.begin(), counts.end());
  for (Id id : ids) {
    // The chain from the cell up, as Ancestors gives it (bounded like its query).
    std::vector<const Organisation*> chain;
    for (auto it = unit_of.find(id); it != unit_of.end() && chain.size() <= 100;) {
      chain.push_back(it->second);
      if (!it->second->parent_id) break;
      it = unit_of.find(*it->second->parent_id);
    }
    if (chain.empty()) continue;  // unknown: Load reports it
    CellFacts facts = FactsOf(chain);
    auto count = official.find(id);
    facts.official_count = count == official.end() ? 0 : count->second;
    cells_.emplace(id, facts);
  }
  return Ok();
}

Status CaseContextLoader::PrefetchVersions(const std::vector<Id>& person_ids) {
  const std::vector<Id> ids =
      Unknown(person_ids, [&](Id id) { return people_.contains(id) || versions_.contains(id); });
  if (ids.empty()) return Ok();
  PTDV_ASSIGN_OR_RETURN(auto versions, tx_.People().Versions(ids));
  versions_.insert(versions.begin(), versions.end());
  return Ok();
}

Status CaseContextLoader::PrefetchMembers(const std::vector<Id>& member_ids) {
  const std::vector<Id> ids = Unknown(member_ids, [&](Id id) { return memberships_.contains(id); });
  if (ids.empty()) return Ok();
  PTDV_ASSIGN_OR_RETURN(auto list, tx_.Memberships().ListForPeople(ids));
  for (Id id : ids) memberships_[id];  // members without any membership: known, empty
  for (const Membership& m : list) memberships_[m.person_id].push_back(m);
  return Ok();
}

Result<const Person*> CaseContextLoader::PersonOf(Id person_id) {
  auto person = people_.find(person_id);
  if (person == people_.end()) {
    PTDV_ASSIGN_OR_RETURN(Person p, tx_.People().Get(person_id));
    person = people_.emplace(p.id, std::move(p)).first;
  }
  return &person->second;
}

Result<const CaseContextLoader::CellFacts*> CaseContextLoader::CellOf(Id cell_id) {
  auto cell = cells_.find(cell_id);
  if (cell == cells_.end()) {
    PTDV_ASSIGN_OR_RETURN(auto units, tx_.Organisations().Ancestors(cell_id));
    if (units.empty()) return Error::NotFound("Không tìm thấy chi bộ của hồ sơ");
    std::vector<const Organisation*> chain;
    for (const auto& o : units) chain.push_back(&o);
    CellFacts facts = FactsOf(chain);
    PTDV_ASSIGN_OR_RETURN(facts.official_count, tx_.Memberships().CountOfficial(cell_id, on_));
    cell = cells_.emplace(cell_id, facts).first;
  }
  return &cell->second;
}

Result<const std::vector<Membership>*> CaseContextLoader::MembershipsOf(Id member_id) {
  auto known = memberships_.find(member_id);
  if (known == memberships_.end()) {
    PTDV_ASSIGN_OR_RETURN(auto list, tx_.Memberships().ListForPerson(member_id));
    known = memberships_.emplace(member_id, std::move(list)).first;
  }
  return &known->second;
}

Result<CaseContext> CaseContextLoader::Load(const CaseHistory& history,
                                            std::optional<Id> extra_member) {
  std::vector<Id> members = NamedMembers(history);
  if (extra_member && !std::binary_search(members.begin(), members.end(), *extra_member)) {
    members.insert(std::upper_bound(members.begin(), members.end(), *extra_member), *extra_member);
  }
  return Load(history.header, members);
}

Result<CaseContext> CaseContextLoader::Load(const Case& header, const std::vector<Id>& members) {
  CaseContext ctx;
  ctx.rule_sets = rule_sets_;
  ctx.calendar = &calendar_;
  ctx.today = today_;
  PTDV_ASSIGN_OR_RETURN(const Person* person, PersonOf(header.person_id));
  ctx.person = *person;
  PTDV_ASSIGN_OR_RETURN(const CellFacts* cell, CellOf(header.cell_id));
  ctx.cell_is_grassroots = cell->is_grassroots;
  ctx.has_intermediate_level = cell->has_intermediate_level;
  ctx.committee_member_count = cell->committee_member_count;
  ctx.cell_official_count = cell->official_count;
  for (Id m : members) {
    PTDV_ASSIGN_OR_RETURN(const std::vector<Membership>* list, MembershipsOf(m));
    ctx.member_memberships[m] = *list;
    PTDV_ASSIGN_OR_RETURN(const Person* member, PersonOf(m));
    ctx.member_names[m] = member->full_name;
  }
  return ctx;
}

Status CaseContextLoader::AppendFingerprint(const Case& header, const std::vector<Id>& members,
                                            std::string& out) {
  // The person's version names its row: every update of a person bumps it.
  AppendInt(out, header.person_id);
  if (auto known = versions_.find(header.person_id); known != versions_.end()) {
    AppendInt(out, known->second);
  } else {
    PTDV_ASSIGN_OR_RETURN(const Person* person, PersonOf(header.person_id));
    AppendInt(out, person->version);
  }
  PTDV_ASSIGN_OR_RETURN(const CellFacts* cell, CellOf(header.cell_id));
  AppendInt(out, header.cell_id);
  AppendInt(out, cell->is_grassroots);
  AppendInt(out, cell->has_intermediate_level);
  AppendInt(out, cell->committee_member_count);
  AppendInt(out, cell->official_count);
  for (Id m : members) {
    PTDV_ASSIGN_OR_RETURN(const std::vector<Membership>* list, MembershipsOf(m));
    AppendInt(out, m);
    // The member's name appears in the conditions: a renamed member changes the answer.
    PTDV_ASSIGN_OR_RETURN(const Person* member, PersonOf(m));
    AppendInt(out, member->version);
    AppendInt(out, static_cast<std::int64_t>(list->size()));
    for (const Membership& ms : *list) {
      AppendInt(out, ms.id);
      AppendInt(out, ms.org_id);
      AppendInt(out, static_cast<std::int64_t>(ms.kind));
      AppendDate(out, ms.valid_from);
      AppendInt(out, ms.valid_to.has_value());
      if (ms.valid_to) AppendDate(out, *ms.valid_to);
    }
  }
  return Ok();
}

Result<CaseContext> LoadCaseContext(Transaction& tx, const CaseHistory& history,
                                    const std::vector<RuleSet>& rule_sets,
                                    const WorkingCalendar& calendar, Date today, Date on,
                                    std::optional<Id> extra_member) {
  CaseContextLoader loader(tx, rule_sets, calendar, today, on);
  return loader.Load(history, extra_member);
}

}  // namespace ptdv

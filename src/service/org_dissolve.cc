// Dissolving a unit into its successor (service/org_service.h OrgService::Dissolve): what it
// holds on the day, and the move of each of them in one transaction.

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <limits>
#include <map>

#include "domain/date.h"
#include "domain/role.h"
#include "domain/timestamp.h"
#include "service/audit_subject.h"
#include "service/json_codec.h"
#include "service/org_service.h"

namespace ptdv {
namespace {

// What the unit holds on `on`: the units directly below it, its people (with their memberships
// of it valid then), its open cases and the accounts scoped to it.
struct Holdings {
  std::vector<Organisation> units;
  std::vector<Person> people;
  std::vector<Membership> memberships;
  std::vector<Case> cases;
  std::vector<User> accounts;
  std::vector<MassOrganisation> mass_organisations;  // those working beside it (its ward's)
  int target = 0;
};

Result<Holdings> HoldingsOf(Transaction& tx, const Organisation& unit, Date on) {
  Holdings h;
  PTDV_ASSIGN_OR_RETURN(std::vector<Organisation> subtree,
                        tx.Organisations().ListSubtree(unit.id, on));
  for (Organisation& o : subtree) {
    if (o.parent_id == unit.id) h.units.push_back(std::move(o));
  }
  PTDV_ASSIGN_OR_RETURN(h.people,
                        tx.People().Search("", {unit.id}, std::numeric_limits<int>::max()));
  std::vector<Id> people;
  for (const Person& p : h.people) people.push_back(p.id);
  PTDV_ASSIGN_OR_RETURN(std::vector<Membership> memberships,
                        tx.Memberships().ListForPeople(people));  // one query
  for (const Membership& m : memberships) {
    if (m.org_id == unit.id && m.ValidOn(on)) h.memberships.push_back(m);
  }
  if (HoldsMembers(unit.kind)) {
    PTDV_ASSIGN_OR_RETURN(
        std::vector<Case> cases,
        tx.Cases().List({.cell_ids = {unit.id}, .limit = std::numeric_limits<int>::max()}));
    for (Case& c : cases) {
      if (!IsClosed(c.stage)) h.cases.push_back(std::move(c));
    }
  }
  PTDV_ASSIGN_OR_RETURN(std::vector<User> users, tx.Users().List());
  for (User& u : users) {
    if (u.org_id == unit.id) h.accounts.push_back(std::move(u));
  }
  PTDV_ASSIGN_OR_RETURN(h.mass_organisations, tx.MassOrganisations().ListForUnits({unit.id}));
  PTDV_ASSIGN_OR_RETURN(std::vector<Target> targets,
                        tx.Targets().ListForYear({unit.id}, YearOf(on)));
  for (const Target& t : targets) {
    if (!t.category) h.target += t.count;
  }
  return h;
}

UnitMoves Count(const Holdings& h) {
  UnitMoves moves{.units = static_cast<int>(h.units.size()),
                  .people = static_cast<int>(h.people.size()),
                  .accounts = static_cast<int>(h.accounts.size()),
                  .target = h.target};
  for (const Membership& m : h.memberships) {
    ++(m.kind == MembershipKind::kOfficial ? moves.official_members : moves.probationary_members);
  }
  for (const Case& c : h.cases) ++moves.open_cases[c.stage];
  return moves;
}

// The successor `code` for `unit` from `effective`: another unit of the scope, existing then,
// outside the unit's subtree, that can take what the unit holds.
Result<Organisation> SuccessorFor(Transaction& tx, const Actor& actor, const Organisation& unit,
                                  const std::string& code, Date effective) {
  PTDV_ASSIGN_OR_RETURN(const Organisation successor, UnitInScope(tx, actor, code, "successor"));
  if (successor.id == unit.id) {
    return Error::Invalid("Đơn vị tiếp nhận phải là một đơn vị khác", "successor");
  }
  if (!successor.ValidOn(effective)) {
    return Error::Invalid(fmt::format("Ngày {} đơn vị «{}» chưa thành lập hoặc đã giải thể",
                                      FormatVnDate(effective), successor.name),
                          "successor");
  }
  PTDV_ASSIGN_OR_RETURN(std::vector<Id> below,
                        tx.Organisations().SubtreeIds(unit.id, effective - std::chrono::days(1)));
  if (std::find(below.begin(), below.end(), successor.id) != below.end()) {
    return Error::Invalid(fmt::format("«{}» trực thuộc «{}» nên không thể tiếp nhận đơn vị này",
                                      successor.name, unit.name),
                          "successor");
  }
  const bool same_family =
      HoldsMembers(unit.kind) ? HoldsMembers(successor.kind) : !HoldsMembers(successor.kind);
  if (!same_family) {
    return Error::Invalid(fmt::format("{} «{}» không tiếp nhận được {} «{}»: chọn đơn vị cùng cấp",
                                      OrgKindLabel(successor.kind), successor.name,
                                      OrgKindLabel(unit.kind), unit.name),
                          "successor");
  }
  return successor;
}

// Moves what `h` holds to `successor` from `effective`, each row audited.
Status MoveHoldings(Transaction& tx, const Actor& actor, const std::string& at, Holdings& h,
                    const Organisation& successor, Date effective) {
  const Date last_day = effective - std::chrono::days(1);
  for (Organisation& child : h.units) {
    PTDV_ASSIGN_OR_RETURN(std::vector<Organisation> history, tx.Organisations().History(child.id));
    if (history.back().valid_from >= effective) {
      return Error::Invalid(fmt::format("«{}» đã có thay đổi từ {}: chọn ngày giải thể sau ngày đó",
                                        child.name, FormatVnDate(history.back().valid_from)),
                            "effective");
    }
    PTDV_ASSIGN_OR_RETURN(Organisation latest, tx.Organisations().Get(child.id));
    const std::string before = ToJson(latest);
    latest.parent_id = successor.id;
    PTDV_RETURN_IF_ERROR(tx.Organisations().ChangeFrom(latest, effective));
    PTDV_RETURN_IF_ERROR(
        AppendAudit(tx, actor, at, "organisation.change",
                    {.entity = "organisation", .id = latest.id, .org_id = latest.id}, before,
                    fmt::format(R"({{"effective":"{}","organisation":{}}})",
                                FormatIsoDate(effective), ToJson(latest))));
  }
  for (Person& p : h.people) {
    const std::string before = ToJson(p);
    p.org_id = successor.id;
    PTDV_RETURN_IF_ERROR(tx.People().Update(p));
    PTDV_RETURN_IF_ERROR(AppendAudit(tx, actor, at, "person.update",
                                     {.entity = "person", .id = p.id, .org_id = successor.id},
                                     before, ToJson(p)));
  }
  for (const Membership& m : h.memberships) {
    PTDV_RETURN_IF_ERROR(tx.Memberships().Close(m.id, last_day));
    Membership next = m;
    next.org_id = successor.id;
    next.valid_from = effective;
    PTDV_ASSIGN_OR_RETURN(next.id, tx.Memberships().Insert(next));
    PTDV_RETURN_IF_ERROR(AppendAudit(tx, actor, at, "membership.create",
                                     {.entity = "membership", .id = next.id, .org_id = next.org_id},
                                     ToJson(m), ToJson(next)));
  }
  for (Case& c : h.cases) {
    const std::string before = ToJson(c);
    c.cell_id = successor.id;
    PTDV_RETURN_IF_ERROR(tx.Cases().Update(c));
    ++c.version;
    PTDV_RETURN_IF_ERROR(AppendAudit(tx, actor, at, "case.transfer",
                                     {.entity = "case", .id = c.id, .org_id = successor.id}, before,
                                     ToJson(c)));
  }
  // The ward's mass organisations go with it: one of a kind the successor lacks moves there;
  // one of a kind it has is taken over by the successor's, whose accounts then speak for it.
  PTDV_ASSIGN_OR_RETURN(std::vector<MassOrganisation> theirs,
                        tx.MassOrganisations().ListForUnits({successor.id}));
  std::map<Id, Id> taken_over;  // mass organisation → the successor's of its kind
  for (const MassOrganisation& m : h.mass_organisations) {
    auto same_kind = std::find_if(theirs.begin(), theirs.end(),
                                  [&](const MassOrganisation& t) { return t.kind == m.kind; });
    if (same_kind != theirs.end()) {
      taken_over[m.id] = same_kind->id;
      continue;
    }
    PTDV_RETURN_IF_ERROR(tx.MassOrganisations().Move(m.id, successor.id));
    PTDV_RETURN_IF_ERROR(
        AppendAudit(tx, actor, at, "mass_organisation.move",
                    {.entity = "mass_organisation", .id = m.id, .org_id = successor.id},
                    fmt::format(R"({{"id":{},"org_id":{}}})", m.id, m.org_id),
                    fmt::format(R"({{"id":{},"org_id":{}}})", m.id, successor.id)));
    theirs.push_back(m);
  }
  for (User& u : h.accounts) {
    const Id from = u.org_id;
    u.org_id = successor.id;
    if (u.mass_organisation_id && taken_over.contains(*u.mass_organisation_id)) {
      u.mass_organisation_id = taken_over.at(*u.mass_organisation_id);
    }
    PTDV_RETURN_IF_ERROR(tx.Users().Update(u));
    PTDV_RETURN_IF_ERROR(AppendAudit(
        tx, actor, at, "user.move", {.entity = "user", .id = u.id, .org_id = successor.id},
        fmt::format(R"({{"login":"{}","org_id":{}}})", u.login, from),
        fmt::format(R"({{"login":"{}","org_id":{}}})", u.login, successor.id)));
  }
  return Ok();
}

std::string MovesJson(const UnitMoves& moves) {
  boost::json::object cases;
  for (const auto& [stage, count] : moves.open_cases) cases[StageCode(stage)] = count;
  return boost::json::serialize(
      boost::json::object{{"units", moves.units},
                          {"people", moves.people},
                          {"official_members", moves.official_members},
                          {"probationary_members", moves.probationary_members},
                          {"accounts", moves.accounts},
                          {"target", moves.target},
                          {"open_cases", std::move(cases)}});
}

// Dissolve in `tx`: checks, counts and, when `commit`, moves and ends the unit (not committed).
Result<DissolvePlan> DissolveIn(Transaction& tx, const Actor& actor, const std::string& code,
                                Date effective, const std::optional<std::string>& successor,
                                bool commit, const std::string& at) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kManageOrganisations));
  PTDV_ASSIGN_OR_RETURN(Organisation found, UnitInScope(tx, actor, code, "code"));
  DissolvePlan plan{.unit = std::move(found), .effective = effective};
  Organisation& unit = plan.unit;
  if (actor.scope_root && unit.id == *actor.scope_root) {
    return Error::Invalid("Không thể giải thể chính đơn vị của tài khoản đang dùng", "code");
  }
  if (effective <= unit.valid_from) {
    return Error::Invalid(fmt::format("Ngày giải thể phải sau ngày thành lập «{}» ({})", unit.name,
                                      FormatVnDate(unit.valid_from)),
                          "effective");
  }
  if (unit.valid_to && effective > *unit.valid_to) {
    return Error::Invalid(fmt::format("«{}» đã giải thể từ {}", unit.name,
                                      FormatVnDate(*unit.valid_to + std::chrono::days(1))),
                          "effective");
  }
  if (successor) {
    PTDV_ASSIGN_OR_RETURN(plan.successor, SuccessorFor(tx, actor, unit, *successor, effective));
  }
  PTDV_ASSIGN_OR_RETURN(Holdings holdings, HoldingsOf(tx, unit, effective));
  plan.moves = Count(holdings);
  if (!plan.successor && !plan.moves.Empty()) {
    return Error::Invalid(
        fmt::format("«{}» còn đơn vị trực thuộc, người, đảng viên, hồ sơ đang làm hoặc tài khoản: "
                    "chọn đơn vị tiếp nhận",
                    unit.name),
        "successor");
  }
  if (!commit) return plan;

  if (plan.successor) {
    PTDV_RETURN_IF_ERROR(MoveHoldings(tx, actor, at, holdings, *plan.successor, effective));
  }
  const std::string before = ToJson(unit);
  unit.valid_to = effective - std::chrono::days(1);
  if (plan.successor) unit.successor_id = plan.successor->id;
  PTDV_RETURN_IF_ERROR(tx.Organisations().Update(unit));
  PTDV_RETURN_IF_ERROR(AppendAudit(
      tx, actor, at, "organisation.dissolve",
      {.entity = "organisation", .id = unit.id, .org_id = unit.id}, before,
      fmt::format(R"({{"organisation":{},"moves":{}}})", ToJson(unit), MovesJson(plan.moves))));
  plan.committed = true;
  return plan;
}

void Add(UnitMoves& total, const UnitMoves& moves) {
  total.units += moves.units;
  total.people += moves.people;
  total.official_members += moves.official_members;
  total.probationary_members += moves.probationary_members;
  total.accounts += moves.accounts;
  total.target += moves.target;
  for (const auto& [stage, count] : moves.open_cases) total.open_cases[stage] += count;
}

}  // namespace

Result<DissolvePlan> OrgService::Dissolve(const Actor& actor, const std::string& code,
                                          Date effective,
                                          const std::optional<std::string>& successor,
                                          bool commit) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kManageOrganisations));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(commit ? Access::kReadWrite : Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(DissolvePlan plan, DissolveIn(*tx, actor, code, effective, successor,
                                                      commit, FormatTimestamp(clock_.Now())));
  if (commit) PTDV_RETURN_IF_ERROR(tx->Commit());
  return plan;
}

Result<MergePlan> OrgService::Merge(const Actor& actor, const std::vector<std::string>& codes,
                                    const std::optional<std::string>& into,
                                    const std::optional<NewUnit>& new_unit, Date effective,
                                    bool commit) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kManageOrganisations));
  if (codes.empty()) return Error::Invalid("Cần chọn các đơn vị sáp nhập", "units");
  if (into.has_value() == new_unit.has_value()) {
    return Error::Invalid("Cần chọn một đơn vị có sẵn hoặc thành lập một đơn vị mới", "into");
  }
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (into && codes[i] == *into) {
      return Error::Invalid(fmt::format("«{}» vừa được sáp nhập vừa là đơn vị tiếp nhận", codes[i]),
                            "into");
    }
    if (std::find(codes.begin(), codes.begin() + static_cast<std::ptrdiff_t>(i), codes[i]) !=
        codes.begin() + static_cast<std::ptrdiff_t>(i)) {
      return Error::Invalid(fmt::format("«{}» được chọn hai lần", codes[i]), "units");
    }
  }
  // A preview writes in a transaction it never commits: the new unit and the moves are checked
  // exactly as the commit would make them.
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  const std::string at = FormatTimestamp(clock_.Now());
  MergePlan plan{.effective = effective};
  if (new_unit) {
    NewUnit founded = *new_unit;
    founded.valid_from = effective;
    PTDV_ASSIGN_OR_RETURN(plan.into, FoundUnit(*tx, actor, founded, at));
    plan.founded = true;
  } else {
    PTDV_ASSIGN_OR_RETURN(plan.into, UnitInScope(*tx, actor, *into, "into"));
  }
  for (const std::string& code : codes) {
    PTDV_ASSIGN_OR_RETURN(DissolvePlan unit,
                          DissolveIn(*tx, actor, code, effective, plan.into.code, true, at));
    Add(plan.moves, unit.moves);
    plan.units.push_back(std::move(unit));
  }
  if (commit) {
    PTDV_RETURN_IF_ERROR(tx->Commit());
    plan.committed = true;
  }
  for (DissolvePlan& unit : plan.units) unit.committed = plan.committed;
  return plan;
}

namespace {

// The receiving unit of one part of a split, founded in `tx` or read, checked as a successor.
Result<Organisation> ReceivingUnit(Transaction& tx, const Actor& actor, const Organisation& unit,
                                   const SplitPart& part, Date effective, const std::string& at) {
  if (part.into.has_value() == part.new_unit.has_value()) {
    return Error::Invalid("Mỗi phần cần một đơn vị có sẵn hoặc một đơn vị thành lập mới", "parts");
  }
  std::string code;
  if (part.new_unit) {
    NewUnit founded = *part.new_unit;
    founded.valid_from = effective;
    PTDV_ASSIGN_OR_RETURN(Organisation created, FoundUnit(tx, actor, founded, at));
    code = created.code;
  } else {
    code = *part.into;
  }
  return SuccessorFor(tx, actor, unit, code, effective);
}

// The units below `unit` on the day given to each part, by code: each exactly once.
Result<std::vector<std::vector<Organisation>>> AssignUnits(const Organisation& unit,
                                                           const std::vector<Organisation>& below,
                                                           const std::vector<SplitPart>& parts) {
  std::map<std::string, const Organisation*> by_code;
  for (const Organisation& o : below) by_code[o.code] = &o;
  std::map<std::string, std::size_t> given;
  std::vector<std::vector<Organisation>> assigned(parts.size());
  for (std::size_t p = 0; p < parts.size(); ++p) {
    for (const std::string& code : parts[p].units) {
      auto found = by_code.find(code);
      if (found == by_code.end()) {
        return Error::Invalid(
            fmt::format("«{}» không trực thuộc «{}» vào ngày chia tách", code, unit.name), "units");
      }
      if (!given.emplace(code, p).second) {
        return Error::Invalid(fmt::format("«{}» được giao cho hai đơn vị", found->second->name),
                              "units");
      }
      assigned[p].push_back(*found->second);
    }
  }
  for (const Organisation& o : below) {
    if (!given.count(o.code)) {
      return Error::Invalid(fmt::format("«{}» chưa được giao cho đơn vị tiếp nhận nào", o.name),
                            "units");
    }
  }
  return assigned;
}

}  // namespace

Result<SplitPlan> OrgService::Split(const Actor& actor, const std::string& code,
                                    const std::vector<SplitPart>& parts, Date effective,
                                    bool commit) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kManageOrganisations));
  if (parts.size() < 2) {
    return Error::Invalid("Chia tách cần ít nhất hai đơn vị tiếp nhận", "parts");
  }
  // As a merge: a preview writes in a transaction it never commits.
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  const std::string at = FormatTimestamp(clock_.Now());
  PTDV_ASSIGN_OR_RETURN(Organisation unit, UnitInScope(*tx, actor, code, "code"));
  if (HoldsMembers(unit.kind)) {
    return Error::Invalid(
        fmt::format("{} «{}» không chia tách được: chuyển hồ sơ, đảng viên sang chi bộ khác rồi "
                    "giải thể chi bộ",
                    OrgKindLabel(unit.kind), unit.name),
        "code");
  }
  SplitPlan plan{.unit = unit, .effective = effective};
  for (const SplitPart& part : parts) {
    PTDV_ASSIGN_OR_RETURN(Organisation into, ReceivingUnit(*tx, actor, unit, part, effective, at));
    for (const SplitPlan::Part& earlier : plan.parts) {
      if (earlier.into.id == into.id) {
        return Error::Invalid(fmt::format("«{}» được chọn hai lần", into.name), "parts");
      }
    }
    plan.parts.push_back({.into = std::move(into), .founded = part.new_unit.has_value()});
  }
  PTDV_ASSIGN_OR_RETURN(Holdings holdings, HoldingsOf(*tx, unit, effective));
  PTDV_ASSIGN_OR_RETURN(auto assigned, AssignUnits(unit, holdings.units, parts));
  for (std::size_t p = 0; p < parts.size(); ++p) {
    SplitPlan::Part& part = plan.parts[p];
    for (const Organisation& child : assigned[p]) {
      if (!MayHold(part.into.kind, child.kind)) {
        return Error::Invalid(
            fmt::format("{} «{}» không thể trực thuộc {} «{}»", OrgKindLabel(child.kind),
                        child.name, OrgKindLabel(part.into.kind), part.into.name),
            "units");
      }
    }
    Holdings given{.units = std::move(assigned[p])};
    part.moves = Count(given);
    PTDV_RETURN_IF_ERROR(MoveHoldings(*tx, actor, at, given, part.into, effective));
  }
  // The rest, and the end of the unit, to the first part: its successor.
  PTDV_ASSIGN_OR_RETURN(DissolvePlan rest, DissolveIn(*tx, actor, code, effective,
                                                      plan.parts.front().into.code, true, at));
  Add(plan.parts.front().moves, rest.moves);
  for (const SplitPlan::Part& part : plan.parts) Add(plan.moves, part.moves);
  if (commit) {
    PTDV_RETURN_IF_ERROR(tx->Commit());
    plan.committed = true;
  }
  return plan;
}

}  // namespace ptdv

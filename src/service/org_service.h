#pragma once

// Use cases over the organisation tree and party memberships. One transaction each, authorised
// against the actor's scope and audited.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "service/actor.h"
#include "service/clock.h"
#include "storage/store.h"

namespace ptdv {

struct MemberRow {
  Person person;
  Membership membership;
};

// A unit of the tree on a date with its party members on that date, counted over the unit and
// every unit below it valid then (a cell: its own members).
struct OrgTreeRow {
  Organisation org;
  int official_members = 0;
  int probationary_members = 0;
};

// One unit on a date: its row, and the rows of its children valid then (ordered by code).
struct OrgUnitView {
  OrgTreeRow unit;
  std::vector<OrgTreeRow> children;
};

// The unit a request names: the unit with `code`, or (no code) the actor's own scope root.
// `field` is the request field a refusal names ("org", "cell", "organiser").
struct OrgChoice {
  std::optional<std::string> code;
  std::string field = "org";
};

// The unit `which` names, read in `tx` only when it lies in the actor's scope. kNotFound
// (naming `field`) for an unknown code and, in the same words, for a unit outside the scope
// (service/actor.h OrganisationInScope); kInvalid (naming `field`) when there is no code and the
// actor has no scope root (the CLI's system actor); the error of the read otherwise.
Result<Organisation> ChosenOrganisation(Transaction& tx, const Actor& actor,
                                        const OrgChoice& which);
// The same in a read-only transaction of its own.
Result<Organisation> ChosenOrganisation(Store& store, const Actor& actor, const OrgChoice& which);

// A unit to found, as a request names it (units by code).
struct NewUnit {
  std::string code;
  std::string name;
  OrgKind kind = OrgKind::kCell;
  std::optional<std::string> parent;  // none only for a top unit
  int committee_member_count = 0;
  bool authorised_to_admit = false;
  Date valid_from{};
};

// A change of a unit from a date; each field left empty stays as it is.
struct UnitChange {
  Date effective{};
  std::optional<std::string> name;
  std::optional<std::string> parent;  // the code of the new unit above
  std::optional<int> committee_member_count;
  std::optional<bool> authorised_to_admit;
};

// One part of a split: the unit receiving some of the units below the one split, an existing unit
// (`into`, by code) or one founded on the day (`new_unit`), exactly one of them.
struct SplitPart {
  std::optional<std::string> into;
  std::optional<NewUnit> new_unit;
  std::vector<std::string> units;  // codes of units directly below the one split
};

// What dissolving a unit hands to its successor.
struct UnitMoves {
  int units = 0;  // units directly below it
  int people = 0;
  int official_members = 0;
  int probationary_members = 0;
  int accounts = 0;
  std::map<Stage, int> open_cases;  // of its cells, by step
  // Its admission target (all categories) for the year of the day: the successor's progress and
  // reports count it with its own (TargetsCarried, DOMAIN §7). Not a holding: it stays set for
  // the unit, so it does not by itself require a successor.
  int target = 0;
  bool Empty() const;
};

struct DissolvePlan {
  Organisation unit;
  std::optional<Organisation> successor;
  Date effective{};
  bool committed = false;
  UnitMoves moves;
};

// A split: the unit split and, for each part, its receiving unit and what it receives.
struct SplitPlan {
  Organisation unit;
  Date effective{};
  bool committed = false;
  struct Part {
    Organisation into;
    bool founded = false;
    UnitMoves moves;
  };
  std::vector<Part> parts;
  UnitMoves moves;  // the sum
};

// A merge: the receiving unit, each unit merged with what it hands over, and the sum.
struct MergePlan {
  Organisation into;
  bool founded = false;  // the receiving unit is founded by the merge
  Date effective{};
  bool committed = false;
  std::vector<DissolvePlan> units;
  UnitMoves moves;
};

// The unit `code` of the actor's scope; kNotFound naming `field` ("Không tìm thấy đơn vị «X»")
// for an unknown code and, in the same words, for a unit outside the scope.
Result<Organisation> UnitInScope(Transaction& tx, const Actor& actor, const std::string& code,
                                 std::string_view field);

// Founds `unit` in `tx` as OrgService::AddUnit does (checks and audit; not committed). For the
// service's use cases that found a unit as part of a larger change.
Result<Organisation> FoundUnit(Transaction& tx, const Actor& actor, const NewUnit& unit,
                               const std::string& at);

// Whether a unit of kind `child` may sit directly under one of kind `parent` (DOMAIN §1): a city
// holds grassroots committees and grassroots cells (and its centre and board), a grassroots
// committee intermediate committees and cells, an intermediate committee cells; a cell nothing.
bool MayHold(OrgKind parent, OrgKind child);

class OrgService {
 public:
  OrgService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Adds a unit under `org.parent_id` (none only for a top unit). kInvalid for a missing code or
  // name, a cell without a parent, or a validity period that ends before it starts; kConflict for
  // a duplicate code.
  Result<Id> CreateOrganisation(const Actor& actor, Organisation org);

  // The administration of the tree (manage_organisations; units by code, within the actor's
  // scope; each audited in its own transaction). kForbidden without the permission; kNotFound
  // for a unit outside the scope, in the same words as for an unknown one.
  //
  // Founds `unit` under its parent from `valid_from` ("organisation.create"). kInvalid for a
  // code that is not letters, digits and '-', an empty name, a kind the parent may not hold
  // (MayHold), a founding date before the parent's or on which the parent no longer exists, a
  // negative committee size, authority to admit for a unit that is no grassroots committee;
  // kConflict for a code in use.
  Result<Organisation> AddUnit(const Actor& actor, const NewUnit& unit);
  // Changes the unit `code` from `change.effective` on ("organisation.change", before and after):
  // the tree as of an earlier date keeps the unit as it was. kInvalid for a date on or before the
  // unit's founding or its latest change, or after it was dissolved; for no change at all; for a
  // new parent it may not sit under, that does not exist on that date, that lies below the unit
  // (a cycle), or a move of the actor's own unit.
  Result<Organisation> ChangeUnit(const Actor& actor, const std::string& code,
                                  const UnitChange& change);
  // What dissolving the unit `code` from `effective` moves to `successor` (nothing written
  // unless `commit`). On commit, in one transaction: the units below it go under the successor
  // (a change from that date), its people are kept by the successor, its members' memberships
  // end the day before and continue in the successor, its open cases continue there with their
  // timelines (votes keep the figures they were recorded with), the accounts scoped to it are
  // scoped to the successor, and the unit ends the day before with the successor as its
  // successor ("organisation.dissolve" with the counts, each moved row audited). kInvalid (field
  // "successor") when the unit holds anything and no successor is named, for a successor that is
  // the unit or below it, that does not exist on that date, or of another kind of unit (a cell's
  // successor holds members; a committee's may hold its units); kInvalid for a date on or before
  // the founding or after the unit ended, or for the actor's own unit.
  Result<DissolvePlan> Dissolve(const Actor& actor, const std::string& code, Date effective,
                                const std::optional<std::string>& successor, bool commit);

  // Merges the units `codes` into the existing unit `into` or into `new_unit`, founded on
  // `effective` (exactly one of them): each unit is dissolved into it as Dissolve does, all in
  // one transaction, or (without `commit`) none, the plan telling what each would hand over.
  // kInvalid for no unit, a unit named twice or also as the receiving unit, and as AddUnit and
  // Dissolve otherwise.
  Result<MergePlan> Merge(const Actor& actor, const std::vector<std::string>& codes,
                          const std::optional<std::string>& into,
                          const std::optional<NewUnit>& new_unit, Date effective, bool commit);

  // Splits the committee `code` from `effective` into `parts` (at least two): each unit below it
  // on that day goes under the part naming it (every one exactly once), what it holds itself
  // (people, members, open cases, accounts) goes to the first part, which becomes its successor,
  // and the unit ends the day before — all in one transaction, or (without `commit`) none, the
  // plan telling what each part would receive. kInvalid for fewer than two parts, a part naming
  // both or neither of `into` and `new_unit`, a unit named twice or not below the one split, a
  // unit below it left out, a cell (its members are moved by transfer and dissolution), a part
  // that may not hold a unit given to it (MayHold), and as AddUnit and Dissolve otherwise.
  Result<SplitPlan> Split(const Actor& actor, const std::string& code,
                          const std::vector<SplitPart>& parts, Date effective, bool commit);

  // Registers a party membership in a cell. kInvalid when the unit holds no members or the
  // person already has a membership overlapping the period.
  Result<Id> AddMembership(const Actor& actor, Membership membership);

  // The unit with code `code`, else the unit with id `id` when one is given (the command line
  // names a unit either way). kNotFound ("Không tìm thấy đơn vị «<code>»") when neither exists or
  // lies in the actor's scope; storage errors as they are.
  Result<Organisation> FindByCodeOrId(const Actor& actor, std::string_view code,
                                      std::optional<Id> id);

  // The unit `org_id`. kNotFound when it does not exist or lies outside the actor's scope.
  Result<Organisation> Get(const Actor& actor, Id org_id);

  // The members of `org_id` on `on` (official and probationary).
  Result<std::vector<MemberRow>> Members(const Actor& actor, Id org_id, Date on);

  // The tree valid on `on` limited to the actor's subtree (all of it for the system actor),
  // parents before children, with member counts. Empty when the actor's unit is not valid on
  // `on`. Three queries whatever the size of the tree.
  Result<std::vector<OrgTreeRow>> Tree(const Actor& actor, Date on);

  // The unit with code `code` on `on` and its children. kNotFound for an unknown code,
  // kForbidden outside the actor's scope. A unit not valid on `on` comes with zero counts and
  // no children.
  Result<OrgUnitView> Unit(const Actor& actor, const std::string& code, Date on);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace ptdv

#pragma once

// Use cases over the organisation tree and party memberships. One transaction each, authorised
// against the actor's scope and audited.

#include <optional>
#include <string_view>
#include <string>
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

class OrgService {
 public:
  OrgService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Adds a unit under `org.parent_id` (none only for a top unit). kInvalid for a missing code or
  // name, a cell without a parent, or a validity period that ends before it starts; kConflict for
  // a duplicate code.
  Result<Id> CreateOrganisation(const Actor& actor, Organisation org);

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

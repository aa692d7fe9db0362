#pragma once

// Use cases over the organisation tree and party memberships. One transaction each, authorised
// against the actor's scope and audited.

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

  // The members of `org_id` on `on` (official and probationary).
  Result<std::vector<MemberRow>> Members(const Actor& actor, Id org_id, Date on);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace ptdv

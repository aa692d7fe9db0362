#pragma once

// What the printed forms of a case need (report/case_forms.h renders them): the case with its
// steps, the person, the chain of units above the cell and the names of the members the steps
// name. Reading it is one read-only transaction, for readers of personal data only: a printed
// dossier carries the person's particulars and the verification letters a relative's name
// (DOMAIN §8), which a form cannot redact.

#include <map>
#include <string>
#include <vector>

#include "domain/model.h"
#include "service/actor.h"
#include "service/clock.h"
#include "storage/store.h"

namespace ptdv {

struct CaseFormFacts {
  CaseRecord record;
  Person person;
  // The case's cell first, then each unit above it up to the root.
  std::vector<Organisation> chain;
  // Full names of the members the steps name (helpers, introducers), by person id.
  std::map<Id, std::string> member_names;
  Date today{};
};

// Thread-safe if the Store is.
class FormService {
 public:
  // `store` and `clock` must outlive the service.
  FormService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // kNotFound (worded as for a missing case) outside the actor's scope; kForbidden when the
  // actor may not read personal data.
  Result<CaseFormFacts> CaseFacts(const Actor& actor, Id case_id);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace ptdv

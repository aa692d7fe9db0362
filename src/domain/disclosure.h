#pragma once

// What a reader may see of personal data (DOMAIN §8, confidentiality): the values are removed
// before anything is serialised, never cut out of serialised text. Disclosure::kPersonal keeps
// everything; kPublic removes
//   - a person's ID-card number, phone and address, and their previous membership (R15),
//   - an event's verification details: the relative's name and the finding (R7),
//   - a condition's personal_message (the relative's name, a political finding).
// Serialisers that can write such text take a Disclosure too, so forgetting to call these
// still writes nothing confidential (service/json_codec.h).

#include "domain/model.h"
#include "domain/workflow.h"

namespace ptdv {

Person Disclosed(Person person, Disclosure disclosure);
CaseEvent Disclosed(CaseEvent event, Disclosure disclosure);
Condition Disclosed(Condition condition, Disclosure disclosure);
Evaluation Disclosed(Evaluation evaluation, Disclosure disclosure);

}  // namespace ptdv

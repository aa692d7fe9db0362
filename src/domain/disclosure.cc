#include "domain/disclosure.h"

#include <utility>

namespace ptdv {

Person Disclosed(Person person, Disclosure disclosure) {
  if (disclosure == Disclosure::kPublic) {
    person.id_number.clear();
    person.phone.clear();
    person.address.clear();
    person.previous_membership.reset();  // R15 facts: convictions, how the membership ended
  }
  return person;
}

CaseEvent Disclosed(CaseEvent event, Disclosure disclosure) {
  if (disclosure == Disclosure::kPublic) {
    event.relative_name.clear();
    event.finding = Finding::kPending;  // "no finding": not written
  }
  return event;
}

Condition Disclosed(Condition condition, Disclosure disclosure) {
  if (disclosure == Disclosure::kPublic) condition.personal_message.clear();
  return condition;
}

Evaluation Disclosed(Evaluation evaluation, Disclosure disclosure) {
  for (Condition& c : evaluation.unmet) c = Disclosed(std::move(c), disclosure);
  return evaluation;
}

}  // namespace ptdv

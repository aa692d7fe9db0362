#pragma once

// Sensitive personal data (ID number, phone, address, verification details; DOMAIN §8
// confidentiality) goes only to roles holding Permission::kReadPersonal (domain/role.h). The
// values are removed by domain/disclosure.h before serialising; this file applies it to an
// actor, and redacts the one kind of text that is stored already serialised: the audit trail's
// before/after images.

#include <string>
#include <string_view>

#include "domain/model.h"
#include "service/actor.h"

namespace ptdv::http {

// Whether the actor may read the sensitive fields (the system actor may).
bool MayReadPersonal(const Actor& actor);

// `person` with id_number, phone and address removed unless MayReadPersonal(actor).
Person Redacted(Person person, const Actor& actor);

// A JSON text (an audit before/after image) with the value of every sensitive key — id_number,
// phone, address, and the verification details relative_name and finding — replaced by "" at
// any depth, whatever its type, unless MayReadPersonal(actor). Fails closed: a text that is not
// JSON cannot be redacted, so for such a reader it comes back as "null" (nothing is shown).
std::string RedactedJson(std::string_view json_text, const Actor& actor);

}  // namespace ptdv::http

#pragma once

// Sensitive personal data (ID number, phone, address; DOMAIN §8 confidentiality) goes only to
// roles holding Permission::kReadPersonal (domain/role.h). Every route that returns people or
// audit images passes them through here.

#include <string>
#include <string_view>

#include "domain/model.h"
#include "service/actor.h"

namespace ptdv::http {

// Whether the actor may read the sensitive fields (the system actor may).
bool MayReadPersonal(const Actor& actor);

// `person` with id_number, phone and address blanked unless MayReadPersonal(actor).
Person Redacted(Person person, const Actor& actor);

// A JSON text (an audit before/after image) with the values of the sensitive keys — id_number,
// phone, address, and the verification details relative_name and finding — replaced by "" at
// any depth, unless MayReadPersonal(actor). Text that is not JSON comes back unchanged.
std::string RedactedJson(std::string_view json_text, const Actor& actor);

}  // namespace ptdv::http

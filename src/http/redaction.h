#pragma once

// Sensitive personal data (ID number, phone, address, previous membership, verification details;
// DOMAIN §8 confidentiality) goes only to roles holding Permission::kReadPersonal (domain/role.h).
// The values are removed from the views by domain/disclosure.h and the serialisers leave their
// keys out (service/json_codec.h); this file redacts the one kind of text that is stored already
// serialised: the audit trail's before/after images, parsed to a value and redacted there.

#include <boost/json/value.hpp>
#include <string_view>

#include "domain/model.h"
#include "domain/result.h"
#include "service/actor.h"

namespace ptdv::http {

// Whether the actor may read the sensitive fields (the system actor may).
bool MayReadPersonal(const Actor& actor);

// An audit image (JSON text) as `actor` may read it. Unless MayReadPersonal(actor), every
// sensitive key — id_number, phone, address, previous_membership, relative_name, finding,
// personal_message — is removed at any depth, whatever its value. Fails closed: a text that is
// not JSON cannot be redacted, so for such a reader it is an Unavailable error (the caller sends
// nothing of it); a reader of personal data gets it as a JSON string. An empty text is null.
Result<boost::json::value> RedactedImage(std::string_view json_text, const Actor& actor);

}  // namespace ptdv::http

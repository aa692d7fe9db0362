#pragma once

// JSON objects that more than one route answers with: a deadline row (the to-do list and the
// digest), a mass organisation and a nomination (their routes and the digest).

#include <boost/json/object.hpp>

#include "service/case_service.h"
#include "service/mass_organisation_service.h"

namespace ptdv::http {

// {case_id, person_name, stage, rule, label, due, status, ...the deadline's fields}.
boost::json::object DeadlineRowObject(const DeadlineRow& row);
// {code, name} of a unit, as the mass organisations' routes name a ward or a cell.
boost::json::object UnitObject(const Organisation& unit);
// {id, kind, kind_label, name, ward: {code, name}}.
boost::json::object MassOrganisationObject(const MassOrganisation& organisation,
                                           const Organisation& unit);
// The nomination with its organisation, and its case's cell and stage once accepted.
boost::json::object NominationObject(const NominationRow& row);

}  // namespace ptdv::http

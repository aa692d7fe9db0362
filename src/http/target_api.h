#pragma once

// Routes of the yearly admission targets (chỉ tiêu, DOMAIN §7):
//   GET  /api/v1/targets?org=&year=           read_aggregates  targets of a unit's subtree
//   POST /api/v1/targets                      manage_targets   set a target or a split
//   PUT  /api/v1/targets/{id}                 manage_targets   change count / basis / final
//   GET  /api/v1/targets/progress?org=&year=&on=   read_aggregates  admitted vs target, forecast
// Scope is enforced by service/target_service.h through the Actor the guard sets.

#include "http/router.h"
#include "service/clock.h"
#include "service/target_service.h"
#include "storage/store.h"

namespace ptdv::http {

// `store`, `targets` and `clock` must outlive the router.
Status RegisterTargetApi(Router& router, Store& store, TargetService& targets, const Clock& clock);

}  // namespace ptdv::http

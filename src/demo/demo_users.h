#pragma once

// The demo's accounts: one per role at the units of the demo data (demo_data.h), all with the
// same published password, for trying the system through the API and the web UI.

#include <string>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "service/clock.h"
#include "service/password_hasher.h"

namespace ptdv {

class Store;

// Creates one demo account per role (password "Hue@2023demo" for all) at the demo's units:
// admin (city_admin @ HUE), bantochuc (organisation_board @ HUE), taylocdu (grassroots_staff @
// HUE-TAYLOC), vydadu (grassroots_staff @ HUE-VYDA), bithu.tayloc (cell_secretary @
// HUE-TAYLOC-CB01), ttct (political_centre @ HUE), lanhdao (leader @ HUE). Returns the
// (login, password) pairs in that order. kNotFound when a unit is missing (load the demo first),
// kConflict when one of the logins exists; nothing is created then. Audited "user.create" by
// "system" (CreateSystemUsers).
Result<std::vector<std::pair<std::string, std::string>>> CreateDemoUsers(
    Store& store, const Clock& clock,
    PasswordHashParameters parameters = PasswordHashParameters::Interactive());

}  // namespace ptdv

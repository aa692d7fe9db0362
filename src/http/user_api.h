#pragma once

// Account routes of /api/v1 (architecture.md "Accounts and roles"): list, create, disable or
// enable, and reset a password. AuthService decides who may manage which account (MayGrant,
// RoleFitsOrganisation, the actor's subtree) and audits every change; password hashes never
// leave it. Hashing runs on the PasswordHasher's own pool.

#include "http/router.h"
#include "service/auth_service.h"
#include "service/password_hasher.h"
#include "storage/store.h"

namespace ptdv::http {

// Registers, all with permission manage_users:
//   GET   /api/v1/users                         the accounts of the caller's subtree
//   POST  /api/v1/users                         {login, full_name, role, organisation, password}
//   PATCH /api/v1/users/{login}                 {state: "active" | "disabled"}
//   POST  /api/v1/users/{login}/password        {password[, current_password]} → 204
// `store`, `auth` and `hasher` must outlive the router.
Status RegisterUserApi(Router& router, Store& store, AuthService& auth, PasswordHasher& hasher);

}  // namespace ptdv::http

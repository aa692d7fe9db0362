#include "http/api.h"

#include "http/case_api.h"

namespace ptdv::http {

Status RegisterApi(Router& router, const ApiDeps& deps) {
  PTDV_RETURN_IF_ERROR(RegisterAuthApi(router, deps.auth, deps.auth_options));
  PTDV_RETURN_IF_ERROR(RegisterCaseApi(router, deps.store, deps.cases, deps.clock));
  return Ok();
}

}  // namespace ptdv::http

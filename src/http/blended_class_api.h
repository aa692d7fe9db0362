#pragma once

// Routes of the classes' online part (service/blended_class_service.h):
//   GET  /api/v1/classes/{id}/online                                   read_cases (organiser)
//   PUT  /api/v1/classes/{id}/online {rules}                           record_certificate
//   POST /api/v1/classes/{id}/materials?title=&name= (the file)        record_certificate → 201
//   GET  /api/v1/classes/{id}/materials/{material}                     read_cases (organiser)
//   POST /api/v1/classes/{id}/materials/{material}/move {position}     record_certificate
//   POST /api/v1/classes/{id}/materials/{material}/remove              record_certificate
//   POST /api/v1/classes/{id}/questions {text, options, correct_option} record_certificate → 201
//   POST /api/v1/classes/{id}/questions/{question}/remove              record_certificate
//   GET  /api/v1/classes/{id}/online/results                           read_cases (organiser)
// and, for the learner through a personal link (public, rate-limited per address):
//   GET  /api/v1/candidate-view/{token}/learning
//   GET  /api/v1/candidate-view/{token}/materials/{material}
//   POST /api/v1/candidate-view/{token}/materials/{material}/done
//   POST /api/v1/candidate-view/{token}/classes/{class}/attempts       → 201 new, 200 resumed
//   POST /api/v1/candidate-view/{token}/attempts/{attempt}/submit {answers}
// Documented in openapi/blended_classes.json.

#include <string_view>

#include "http/router.h"
#include "service/blended_class_service.h"
#include "service/clock.h"
#include "service/rate_limiter.h"

namespace ptdv::http {

// Everything must outlive the router. `learning` limits the learner's requests per address.
Status RegisterBlendedClassApi(Router& router, BlendedClassService& online, const Clock& clock,
                               RateLimit learning);

// Whether `method` and `path` upload a self-study document (POST /api/v1/classes/{id}/materials),
// whose body may be as large as a scan's.
bool IsMaterialUpload(Method method, std::string_view path);

}  // namespace ptdv::http

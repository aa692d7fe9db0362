#include "http/class_api.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <memory>

#include "http/api_params.h"
#include "http/api_routes.h"
#include "http/error_mapping.h"
#include "http/json_body.h"
#include "service/json_values.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

json::object ClassObject(const ClassSummary& s) {
  const TrainingClass& c = s.training_class;
  return json::object{{"id", c.id},
                      {"kind", ClassKindCode(c.kind)},
                      {"kind_label", ClassKindLabel(c.kind)},
                      {"code", c.code},
                      {"name", c.name},
                      {"organiser", s.organiser_code},
                      {"organiser_name", s.organiser_name},
                      {"format", ClassFormatCode(c.format)},
                      {"place", c.place},
                      {"capacity", c.capacity},
                      {"enrolled", s.enrolled},
                      {"starts_on", FormatIsoDate(c.starts_on)},
                      {"ends_on", FormatIsoDate(c.ends_on)},
                      {"sessions", c.session_count},
                      {"min_attendance_percent", c.min_attendance_percent},
                      {"blended", s.blended},
                      {"version", c.version}};
}

// The verification code is shown to the class's managers only (it is on the certificate).
json::object EnrolmentObject(const Enrolment& e, const std::string& person_name,
                             const std::string& nominating_org, bool with_code) {
  json::object j{{"id", e.id},
                 {"class_id", e.class_id},
                 {"case_id", e.case_id},
                 {"person_id", e.person_id},
                 {"person_name", person_name},
                 {"nominated_by", nominating_org},
                 {"state", EnrolmentStateCode(e.state)},
                 {"state_label", EnrolmentStateLabel(e.state)},
                 {"assessment", AssessmentCode(e.assessment)},
                 {"certificate_number", e.certificate_number.empty()
                                            ? json::value(nullptr)
                                            : json::value(json::string(e.certificate_number))},
                 {"certificate_date", DateOrNull(e.certificate_date)}};
  if (with_code && !e.verification_code.empty()) j["verification_code"] = e.verification_code;
  return j;
}

Response EnrolmentResponse(const Enrolment& e, int status = 200) {
  Response r = Response::Json(
      json::serialize(json::object{{"enrolment", EnrolmentObject(e, "", "", true)}}), status);
  if (status == 201) {
    r.headers.Set("Location", fmt::format("/api/v1/classes/{}/enrolments/{}", e.class_id, e.id));
  }
  return r;
}

struct EnrolmentPath {
  Id class_id = 0;
  Id enrolment_id = 0;
};

Result<EnrolmentPath> ParseEnrolmentPath(const Request& request) {
  PTDV_ASSIGN_OR_RETURN(Id class_id, PathId(request, "id"));
  PTDV_ASSIGN_OR_RETURN(Id enrolment_id, PathId(request, "enrolment"));
  return EnrolmentPath{class_id, enrolment_id};
}

// The class of a request body, and (in `organiser`) the unit organising it.
Result<TrainingClass> ParseClass(const BodyReader& body, OrgChoice& organiser,
                                 std::optional<int>& min_attendance) {
  TrainingClass c;
  organiser = OrgChoice{.code = std::string(), .field = "organiser"};
  PTDV_RETURN_IF_ERROR(body.ReadCode("kind", c.kind, ClassKindFromCode, Presence::kRequired));
  PTDV_RETURN_IF_ERROR(body.ReadString("code", c.code, Presence::kRequired));
  PTDV_RETURN_IF_ERROR(body.ReadString("name", c.name, Presence::kRequired));
  PTDV_RETURN_IF_ERROR(body.ReadString("organiser", *organiser.code, Presence::kRequired));
  PTDV_RETURN_IF_ERROR(body.ReadCode("format", c.format, ClassFormatFromCode));
  PTDV_RETURN_IF_ERROR(body.ReadString("place", c.place));
  PTDV_RETURN_IF_ERROR(body.ReadInt("capacity", c.capacity, Presence::kRequired, 1, 100000));
  PTDV_RETURN_IF_ERROR(body.ReadDate("starts_on", c.starts_on, Presence::kRequired));
  PTDV_RETURN_IF_ERROR(body.ReadDate("ends_on", c.ends_on, Presence::kRequired));
  PTDV_RETURN_IF_ERROR(body.ReadInt("sessions", c.session_count, Presence::kRequired, 1, 1000));
  if (body.Has("min_attendance_percent")) {
    int percent = 0;
    PTDV_RETURN_IF_ERROR(
        body.ReadInt("min_attendance_percent", percent, Presence::kRequired, 0, 100));
    min_attendance = percent;
  }
  return c;
}

// What the class routes work with; the referred objects outlive the router.
struct ClassApi {
  ClassService& classes;
  std::shared_ptr<RateLimiter> limiter;  // of the public certificate checks
};

Response ListClasses(const ClassApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"year", "kind"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  std::optional<int> year;
  if (request.Query("year")) {
    auto y = QueryInt(request, "year", 0, 2000, 2100);
    if (!y.ok()) return ErrorResponse(y.error());
    year = *y;
  }
  std::optional<ClassKind> kind;
  if (auto text = request.Query("kind"); text && !text->empty()) {
    kind = ClassKindFromCode(*text);
    if (!kind)
      return ErrorResponse(Error::Invalid("«kind» phải là awareness hoặc new_member", "kind"));
  }
  auto list = api.classes.ListClasses(*context.actor, year, kind);
  if (!list.ok()) return ErrorResponse(list.error());
  json::array items;
  for (const auto& s : *list) items.push_back(ClassObject(s));
  return Response::Json(json::serialize(json::object{{"items", std::move(items)}}));
}

Response CreateClass(const ClassApi& api, const Request& request, RouteContext& context) {
  auto body = BodyReader::Parse(
      request, {"kind", "code", "name", "organiser", "format", "place", "capacity", "starts_on",
                "ends_on", "sessions", "min_attendance_percent"});
  if (!body.ok()) return ErrorResponse(body.error());
  std::optional<int> min_attendance;
  OrgChoice organiser;
  auto parsed = ParseClass(*body, organiser, min_attendance);
  if (!parsed.ok()) return ErrorResponse(parsed.error());
  auto created =
      api.classes.CreateClass(*context.actor, organiser, std::move(*parsed), min_attendance);
  if (!created.ok()) return ErrorResponse(created.error());
  Response r = Response::Json(json::serialize(json::object{{"class", ClassObject(*created)}}), 201);
  r.headers.Set("Location", fmt::format("/api/v1/classes/{}", created->training_class.id));
  return r;
}

Response ShowClass(const ClassApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto view = api.classes.GetClass(*context.actor, *id);
  if (!view.ok()) return ErrorResponse(view.error());
  json::array enrolments;
  for (const auto& ev : view->enrolments) {
    json::object e =
        EnrolmentObject(ev.enrolment, ev.person_name, ev.nominating_org_code, view->all_enrolments);
    json::array sessions;
    for (const auto& a : ev.attendance) {
      sessions.push_back(json::object{{"session", a.session}, {"present", a.present}});
    }
    e["attendance"] = std::move(sessions);
    e["attended"] = ev.attended;
    e["certificate_expires"] = DateOrNull(ev.certificate_expires);
    enrolments.push_back(std::move(e));
  }
  json::object out{{"class", ClassObject(view->summary)},
                   {"enrolments", std::move(enrolments)},
                   {"all_enrolments", view->all_enrolments}};
  return Response::Json(json::serialize(out));
}

Response Nominate(const ClassApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto body = BodyReader::Parse(request, {"case_id"});
  if (!body.ok()) return ErrorResponse(body.error());
  std::int64_t case_id = 0;
  if (auto s = body->ReadInt("case_id", case_id, Presence::kRequired, 1); !s.ok()) {
    return ErrorResponse(s.error());
  }
  auto enrolment = api.classes.Nominate(*context.actor, *id, case_id);
  if (!enrolment.ok()) return ErrorResponse(enrolment.error());
  return EnrolmentResponse(*enrolment, 201);
}

// The enrolment of the path changed by `change` to the value the body's one field `key` codes
// (read with `from_code`); answers the enrolment.
template <typename E, typename Change>
Response ChangeByCode(const Request& request, std::string_view key,
                      std::optional<E> (*from_code)(std::string_view), Change change) {
  auto path = ParseEnrolmentPath(request);
  if (!path.ok()) return ErrorResponse(path.error());
  auto body = BodyReader::Parse(request, {key});
  if (!body.ok()) return ErrorResponse(body.error());
  E value{};
  if (auto s = body->ReadCode(key, value, from_code, Presence::kRequired); !s.ok()) {
    return ErrorResponse(s.error());
  }
  Result<Enrolment> e = change(*path, value);
  if (!e.ok()) return ErrorResponse(e.error());
  return EnrolmentResponse(*e);
}

Response ChangeEnrolment(const ClassApi& api, const Request& request, RouteContext& context) {
  return ChangeByCode(request, "state", EnrolmentStateFromCode,
                      [&](const EnrolmentPath& path, EnrolmentState state) {
                        return api.classes.ChangeEnrolment(*context.actor, path.class_id,
                                                           path.enrolment_id, state);
                      });
}

Response RecordAttendance(const ClassApi& api, const Request& request, RouteContext& context) {
  auto path = ParseEnrolmentPath(request);
  if (!path.ok()) return ErrorResponse(path.error());
  auto session = PathId(request, "session");
  if (!session.ok()) return ErrorResponse(session.error());
  if (*session > 1000) {
    return ErrorResponse(Error::Invalid("Buổi học không hợp lệ", "session"));
  }
  auto body = BodyReader::Parse(request, {"present"});
  if (!body.ok()) return ErrorResponse(body.error());
  bool present = false;
  if (auto s = body->ReadBool("present", present, Presence::kRequired); !s.ok()) {
    return ErrorResponse(s.error());
  }
  auto a = api.classes.RecordAttendance(*context.actor, path->class_id, path->enrolment_id,
                                        static_cast<int>(*session), present);
  if (!a.ok()) return ErrorResponse(a.error());
  return Response::Json(json::serialize(json::object{
      {"enrolment_id", a->enrolment_id}, {"session", a->session}, {"present", a->present}}));
}

Response Assess(const ClassApi& api, const Request& request, RouteContext& context) {
  return ChangeByCode(
      request, "result", AssessmentFromCode, [&](const EnrolmentPath& path, Assessment result) {
        return api.classes.Assess(*context.actor, path.class_id, path.enrolment_id, result);
      });
}

Response IssueCertificate(const ClassApi& api, const Request& request, RouteContext& context) {
  auto path = ParseEnrolmentPath(request);
  if (!path.ok()) return ErrorResponse(path.error());
  auto body = BodyReader::Parse(request, {"number", "date"});
  if (!body.ok()) return ErrorResponse(body.error());
  std::string number;
  Date date{};
  for (const Status& s : {body->ReadString("number", number, Presence::kRequired),
                          body->ReadDate("date", date, Presence::kRequired)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  auto e = api.classes.IssueCertificate(*context.actor, path->class_id, path->enrolment_id, number,
                                        date);
  if (!e.ok()) return ErrorResponse(e.error());
  return EnrolmentResponse(*e, 201);
}

Response CheckCertificate(const ClassApi& api, const Request& request, RouteContext&) {
  if (auto wait = api.limiter->Acquire(request.remote_address); wait.count() > 0) {
    return RetryLaterResponse(
        Error::Forbidden("Tra cứu chứng nhận quá nhiều lần, vui lòng thử lại sau ít phút"), wait);
  }
  auto check = api.classes.Verify(std::string(request.PathParam("code").value_or("")));
  if (!check.ok()) return ErrorResponse(check.error());
  json::object out{{"valid", check->valid}};
  if (check->known) {
    out["number"] = check->number;
    out["name"] = check->name;
    out["date"] = DateOrNull(check->date);
    out["kind"] = ClassKindCode(*check->kind);
    out["kind_label"] = ClassKindLabel(*check->kind);
    out["expires_on"] = DateOrNull(check->expires_on);
  }
  Response r = Response::Json(json::serialize(out));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace

// The certificate check is public: whoever holds a certificate checks its code. The answer is
// always 200 so that a probe learns nothing from the status; only {valid, number, name, date,
// kind, expires_on}.
Status RegisterClassApi(Router& router, Store& /*store*/, ClassService& classes, const Clock& clock,
                        RateLimit certificate_checks) {
  return AddRoutes<ClassApi>(
      router, ClassApi{classes, std::make_shared<RateLimiter>(certificate_checks, clock)},
      {{Method::kGet, "/api/v1/classes", RouteAccess::Require("read_cases"), ListClasses},
       {Method::kPost, "/api/v1/classes", RouteAccess::Require("record_certificate"), CreateClass},
       {Method::kGet, "/api/v1/classes/{id}", RouteAccess::Require("read_cases", "id"), ShowClass},
       {Method::kPost, "/api/v1/classes/{id}/nominations",
        RouteAccess::Require("write_people", "id"), Nominate},
       {Method::kPatch, "/api/v1/classes/{id}/enrolments/{enrolment}",
        RouteAccess::Require("record_certificate", "id"), ChangeEnrolment},
       {Method::kPut, "/api/v1/classes/{id}/enrolments/{enrolment}/attendance/{session}",
        RouteAccess::Require("record_certificate", "id"), RecordAttendance},
       {Method::kPut, "/api/v1/classes/{id}/enrolments/{enrolment}/assessment",
        RouteAccess::Require("record_certificate", "id"), Assess},
       {Method::kPost, "/api/v1/classes/{id}/enrolments/{enrolment}/certificate",
        RouteAccess::Require("record_certificate", "id"), IssueCertificate},
       {Method::kGet, "/api/v1/certificates/{code}", RouteAccess::Public(), CheckCertificate}});
}

}  // namespace ptdv::http

#include "http/people_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "http/api_params.h"
#include "http/api_routes.h"
#include "http/error_mapping.h"
#include "http/json_body.h"
#include "service/json_codec.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

// The fields of a person in a request body. "org" is the code of the keeping unit.
constexpr std::string_view kPersonKeys[] = {
    "full_name", "birth_date", "sex", "ethnicity", "religion", "general_education",
    "professional_education", "occupation", "workplace_type", "youth_union_member",
    "trade_union_member", "id_number", "phone", "address", "org"};

// Reads the body onto `person`: a create requires full_name, birth_date and org; a correction
// requires nothing and keeps what is absent.
// The unit named by "org", when the body has it, goes to `org`.
Status ReadPersonBody(const BodyReader& body, Person& person, Presence presence,
                      std::optional<OrgChoice>& org) {
  PTDV_RETURN_IF_ERROR(body.ReadString("full_name", person.full_name, presence));
  PTDV_RETURN_IF_ERROR(body.ReadDate("birth_date", person.birth_date, presence));
  PTDV_RETURN_IF_ERROR(body.ReadCode("sex", person.sex, SexFromCode));
  PTDV_RETURN_IF_ERROR(body.ReadString("ethnicity", person.ethnicity));
  PTDV_RETURN_IF_ERROR(body.ReadString("religion", person.religion));
  PTDV_RETURN_IF_ERROR(
      body.ReadCode("general_education", person.general_education, GeneralEducationFromCode));
  PTDV_RETURN_IF_ERROR(body.ReadString("professional_education", person.professional_education));
  PTDV_RETURN_IF_ERROR(body.ReadCode("occupation", person.occupation, OccupationFromCode));
  PTDV_RETURN_IF_ERROR(
      body.ReadCode("workplace_type", person.workplace_type, WorkplaceTypeFromCode));
  PTDV_RETURN_IF_ERROR(body.ReadBool("youth_union_member", person.youth_union_member));
  PTDV_RETURN_IF_ERROR(body.ReadBool("trade_union_member", person.trade_union_member));
  PTDV_RETURN_IF_ERROR(body.ReadString("id_number", person.id_number));
  PTDV_RETURN_IF_ERROR(body.ReadString("phone", person.phone));
  PTDV_RETURN_IF_ERROR(body.ReadString("address", person.address));
  std::string code;
  PTDV_RETURN_IF_ERROR(body.ReadString("org", code, presence));
  // Unknown, or outside the caller's scope: the same 404 (naming "org") as for a unit in the
  // path (service/org_service.h ChosenOrganisation).
  if (body.Has("org")) org = OrgChoice{.code = std::move(code), .field = "org"};
  return Ok();
}

// R15: the facts of a previous membership (PUT /api/v1/people/{id}/previous-membership).
constexpr std::string_view kPreviousMembershipKeys[] = {
    "left_on", "ended_by", "criminal_record", "record_cleared_on", "caused_serious_disunity",
    "readmitted_before", "consent_number", "consent_date"};

Status ReadPreviousMembershipBody(const BodyReader& body, PreviousMembership& previous) {
  PTDV_RETURN_IF_ERROR(body.ReadDate("left_on", previous.left_on, Presence::kRequired));
  PTDV_RETURN_IF_ERROR(
      body.ReadCode("ended_by", previous.ended_by, MembershipEndFromCode, Presence::kRequired));
  PTDV_RETURN_IF_ERROR(
      body.ReadCode("criminal_record", previous.criminal_record, CriminalRecordFromCode));
  PTDV_RETURN_IF_ERROR(body.ReadOptionalDate("record_cleared_on", previous.record_cleared_on));
  PTDV_RETURN_IF_ERROR(body.ReadBool("caused_serious_disunity", previous.caused_serious_disunity));
  PTDV_RETURN_IF_ERROR(body.ReadBool("readmitted_before", previous.readmitted_before));
  PTDV_RETURN_IF_ERROR(body.ReadString("consent_number", previous.consent_number));
  return body.ReadOptionalDate("consent_date", previous.consent_date);
}

Response PersonResponse(const Person& person, const Actor& actor, int status = 200) {
  Response r = Response::Json(
      fmt::format(R"({{"person":{}}})", ToJson(person, DisclosureFor(actor))), status);
  r.headers.Set("ETag", VersionETag(person.version));
  return r;
}

Response PeopleList(const std::vector<Person>& people, const Actor& actor) {
  std::string items = "[";
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (i) items += ",";
    items += ToJson(people[i], DisclosureFor(actor));
  }
  items += "]";
  return Response::Json(fmt::format(R"({{"items":{}}})", items));
}

// What the people routes work with; the referred objects outlive the router.
struct PeopleApi {
  CaseService& cases;
  const Clock& clock;
  ResponseCache* cache;
};

Response SearchPeople(const PeopleApi& api, const Request& request, RouteContext& context) {
  const Actor& actor = *context.actor;
  std::optional<OrgChoice> org;
  if (request.Query("org")) org = OrgParam(request);
  // What the answer depends on besides the people of the unit's subtree: who asks (their role
  // decides what is disclosed, their scope what is found), what they ask, and the day (the
  // subtree searched is the tree as of today).
  const std::string key = fmt::format("people\n{}\n{}\n{}\n{}\n{}", actor.login, actor.role,
                                      actor.scope_root ? *actor.scope_root : 0, request.target,
                                      FormatIsoDate(api.clock.Today()));
  return CachedGet(api.cache, request, key,
                   UnitAsked(api.cache, actor, org ? org->code : std::nullopt), [&] {
                     auto limit = QueryInt(request, "limit", 50, 1, 500);
                     if (!limit.ok()) return ErrorResponse(limit.error());
                     auto people = api.cases.SearchPeopleIn(
                         actor, std::string(request.Query("q").value_or("")), org, *limit);
                     if (!people.ok()) return ErrorResponse(people.error());
                     return PeopleList(*people, actor);
                   });
}

Response CreatePerson(const PeopleApi& api, const Request& request, RouteContext& context) {
  auto body = BodyReader::Parse(request, kPersonKeys);
  if (!body.ok()) return ErrorResponse(body.error());
  Person person;
  std::optional<OrgChoice> org;
  Status read = ReadPersonBody(*body, person, Presence::kRequired, org);
  if (!read.ok()) return ErrorResponse(read.error());
  auto created =
      api.cases.CreatePerson(*context.actor, org.value_or(OrgChoice{}), std::move(person));
  if (!created.ok()) return ErrorResponse(created.error());
  Response r = PersonResponse(*created, *context.actor, 201);
  r.headers.Set("Location", fmt::format("/api/v1/people/{}", created->id));
  return r;
}

Response FindDuplicates(const PeopleApi& api, const Request& request, RouteContext& context) {
  auto name = request.Query("name");
  if (!name || name->empty()) {
    return ErrorResponse(Error::Invalid("Cần nhập họ và tên", "name"));
  }
  if (!request.Query("birth_date")) {
    return ErrorResponse(Error::Invalid("Cần nhập ngày sinh", "birth_date"));
  }
  auto birth_date = QueryDate(request, "birth_date", Date{});
  if (!birth_date.ok()) return ErrorResponse(birth_date.error());
  auto people = api.cases.FindDuplicates(*context.actor, std::string(*name), *birth_date);
  if (!people.ok()) return ErrorResponse(people.error());
  return PeopleList(*people, *context.actor);
}

Response ShowPerson(const PeopleApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto person = api.cases.GetPerson(*context.actor, *id);
  if (!person.ok()) return ErrorResponse(person.error());
  return PersonResponse(*person, *context.actor);
}

Response CorrectPerson(const PeopleApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto if_match = IfMatchVersion(request);
  if (!if_match.ok()) return ErrorResponse(if_match.error());
  auto body = BodyReader::Parse(request, kPersonKeys);
  if (!body.ok()) return ErrorResponse(body.error());
  // The body is read onto the person as the service read it; the unit is resolved there.
  const BodyReader& reader = *body;
  auto updated = api.cases.CorrectPerson(
      *context.actor, *id,
      [&reader](Person& person, std::optional<OrgChoice>& move_to) {
        return ReadPersonBody(reader, person, Presence::kOptional, move_to);
      },
      *if_match);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return PersonResponse(*updated, *context.actor);
}

// R15: the whole record is replaced by what `read` answers (absent optional fields are cleared),
// or removed when it answers nullopt; If-Match guards the person's version.
template <class Read>
Response SetPreviousMembership(const PeopleApi& api, const Request& request, RouteContext& context,
                               Read read) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto if_match = IfMatchVersion(request);
  if (!if_match.ok()) return ErrorResponse(if_match.error());
  Result<std::optional<PreviousMembership>> previous = read();
  if (!previous.ok()) return ErrorResponse(previous.error());
  auto updated =
      api.cases.SetPreviousMembership(*context.actor, *id, std::move(*previous), *if_match);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return PersonResponse(*updated, *context.actor);
}

Response ReplacePreviousMembership(const PeopleApi& api, const Request& request,
                                   RouteContext& context) {
  return SetPreviousMembership(
      api, request, context, [&request]() -> Result<std::optional<PreviousMembership>> {
        PTDV_ASSIGN_OR_RETURN(BodyReader body, BodyReader::Parse(request, kPreviousMembershipKeys));
        PreviousMembership previous;
        PTDV_RETURN_IF_ERROR(ReadPreviousMembershipBody(body, previous));
        return std::optional<PreviousMembership>(std::move(previous));
      });
}

Response RemovePreviousMembership(const PeopleApi& api, const Request& request,
                                  RouteContext& context) {
  return SetPreviousMembership(api, request, context, [] {
    return Result<std::optional<PreviousMembership>>(std::optional<PreviousMembership>());
  });
}

}  // namespace

Status RegisterPeopleApi(Router& router, CaseService& cases, const Clock& clock,
                         ResponseCache* cache) {
  return AddRoutes<PeopleApi>(
      router, PeopleApi{cases, clock, cache},
      {{Method::kGet, "/api/v1/people", RouteAccess::Require("read_cases"), SearchPeople},
       {Method::kPost, "/api/v1/people", RouteAccess::Require("write_people"), CreatePerson},
       {Method::kGet, "/api/v1/people/duplicates", RouteAccess::Require("read_cases"),
        FindDuplicates},
       {Method::kGet, "/api/v1/people/{id}", RouteAccess::Require("read_cases", "id"), ShowPerson},
       {Method::kPatch, "/api/v1/people/{id}", RouteAccess::Require("write_people", "id"),
        CorrectPerson},
       {Method::kPut, "/api/v1/people/{id}/previous-membership",
        RouteAccess::Require("write_people", "id"), ReplacePreviousMembership},
       {Method::kDelete, "/api/v1/people/{id}/previous-membership",
        RouteAccess::Require("write_people", "id"), RemovePreviousMembership}});
}

}  // namespace ptdv::http

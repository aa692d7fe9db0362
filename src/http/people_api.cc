#include "http/people_api.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "http/api_params.h"
#include "http/error_mapping.h"
#include "http/json_body.h"
#include "http/redaction.h"
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
Status ReadPersonBody(const BodyReader& body, Person& person, Presence presence, Store& store,
                      const Actor& actor) {
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
  std::string org;
  PTDV_RETURN_IF_ERROR(body.ReadString("org", org, presence));
  if (body.Has("org")) {
    Result<Id> org_id = OrganisationIdByCode(store, actor, org);
    if (!org_id.ok()) {
      // Unknown, or outside the caller's scope: the same 404 as for a unit in the path.
      Error e = org_id.error();
      if (e.code == ErrorCode::kNotFound) e.field = "org";
      return e;
    }
    person.org_id = *org_id;
  }
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
  Response r = Response::Json(fmt::format(R"({{"person":{}}})", ToJson(Redacted(person, actor))),
                              status);
  r.headers.Set("ETag", VersionETag(person.version));
  return r;
}

Response PeopleList(const std::vector<Person>& people, const Actor& actor) {
  std::string items = "[";
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (i) items += ",";
    items += ToJson(Redacted(people[i], actor));
  }
  items += "]";
  return Response::Json(fmt::format(R"({{"items":{}}})", items));
}

}  // namespace

Status RegisterPeopleApi(Router& router, Store& store, CaseService& cases) {
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/people", RouteAccess::Require("read_cases"),
      [&store, &cases](const Request& request, RouteContext& context) {
        auto limit = QueryInt(request, "limit", 50, 1, 500);
        if (!limit.ok()) return ErrorResponse(limit.error());
        std::optional<Id> org_id;
        if (auto code = request.Query("org")) {
          auto id = OrganisationIdByCode(store, *context.actor, std::string(*code));
          if (!id.ok()) return ErrorResponse(id.error());
          org_id = *id;
        }
        auto people = cases.SearchPeople(*context.actor, std::string(request.Query("q").value_or("")),
                                         org_id, *limit);
        if (!people.ok()) return ErrorResponse(people.error());
        return PeopleList(*people, *context.actor);
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPost, "/api/v1/people", RouteAccess::Require("write_people"),
      [&store, &cases](const Request& request, RouteContext& context) {
        auto body = BodyReader::Parse(request, kPersonKeys);
        if (!body.ok()) return ErrorResponse(body.error());
        Person person;
        Status read = ReadPersonBody(*body, person, Presence::kRequired, store, *context.actor);
        if (!read.ok()) return ErrorResponse(read.error());
        auto id = cases.CreatePerson(*context.actor, std::move(person));
        if (!id.ok()) return ErrorResponse(id.error());
        auto created = cases.GetPerson(*context.actor, *id);
        if (!created.ok()) return ErrorResponse(created.error());
        Response r = PersonResponse(*created, *context.actor, 201);
        r.headers.Set("Location", fmt::format("/api/v1/people/{}", *id));
        return r;
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/api/v1/people/duplicates", RouteAccess::Require("read_cases"),
      [&cases](const Request& request, RouteContext& context) {
        auto name = request.Query("name");
        if (!name || name->empty()) {
          return ErrorResponse(Error::Invalid("Cần nhập họ và tên", "name"));
        }
        if (!request.Query("birth_date")) {
          return ErrorResponse(Error::Invalid("Cần nhập ngày sinh", "birth_date"));
        }
        auto birth_date = QueryDate(request, "birth_date", Date{});
        if (!birth_date.ok()) return ErrorResponse(birth_date.error());
        auto people = cases.FindDuplicates(*context.actor, std::string(*name), *birth_date);
        if (!people.ok()) return ErrorResponse(people.error());
        return PeopleList(*people, *context.actor);
      }));
  PTDV_RETURN_IF_ERROR(router.Add(Method::kGet, "/api/v1/people/{id}",
                                  RouteAccess::Require("read_cases", "id"),
                                  [&cases](const Request& request, RouteContext& context) {
                                    auto id = PathId(request, "id");
                                    if (!id.ok()) return ErrorResponse(id.error());
                                    auto person = cases.GetPerson(*context.actor, *id);
                                    if (!person.ok()) return ErrorResponse(person.error());
                                    return PersonResponse(*person, *context.actor);
                                  }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPatch, "/api/v1/people/{id}", RouteAccess::Require("write_people", "id"),
      [&store, &cases](const Request& request, RouteContext& context) {
        auto id = PathId(request, "id");
        if (!id.ok()) return ErrorResponse(id.error());
        auto if_match = IfMatchVersion(request);
        if (!if_match.ok()) return ErrorResponse(if_match.error());
        auto body = BodyReader::Parse(request, kPersonKeys);
        if (!body.ok()) return ErrorResponse(body.error());
        // The correction applies to what was read here; without If-Match, a change made by
        // someone else in between is still a conflict rather than silently overwritten.
        auto person = cases.GetPerson(*context.actor, *id);
        if (!person.ok()) return ErrorResponse(person.error());
        const int read_version = person->version;
        Status read = ReadPersonBody(*body, *person, Presence::kOptional, store, *context.actor);
        if (!read.ok()) return ErrorResponse(read.error());
        auto updated = cases.UpdatePerson(*context.actor, std::move(*person),
                                          if_match->value_or(read_version));
        if (!updated.ok()) return ErrorResponse(updated.error());
        return PersonResponse(*updated, *context.actor);
      }));
  // R15: the whole record is replaced (absent optional fields are cleared), or removed.
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kPut, "/api/v1/people/{id}/previous-membership",
      RouteAccess::Require("write_people", "id"),
      [&cases](const Request& request, RouteContext& context) {
        auto id = PathId(request, "id");
        if (!id.ok()) return ErrorResponse(id.error());
        auto if_match = IfMatchVersion(request);
        if (!if_match.ok()) return ErrorResponse(if_match.error());
        auto body = BodyReader::Parse(request, kPreviousMembershipKeys);
        if (!body.ok()) return ErrorResponse(body.error());
        PreviousMembership previous;
        Status read = ReadPreviousMembershipBody(*body, previous);
        if (!read.ok()) return ErrorResponse(read.error());
        auto updated = cases.SetPreviousMembership(*context.actor, *id, std::move(previous),
                                                   *if_match);
        if (!updated.ok()) return ErrorResponse(updated.error());
        return PersonResponse(*updated, *context.actor);
      }));
  PTDV_RETURN_IF_ERROR(router.Add(
      Method::kDelete, "/api/v1/people/{id}/previous-membership",
      RouteAccess::Require("write_people", "id"),
      [&cases](const Request& request, RouteContext& context) {
        auto id = PathId(request, "id");
        if (!id.ok()) return ErrorResponse(id.error());
        auto if_match = IfMatchVersion(request);
        if (!if_match.ok()) return ErrorResponse(if_match.error());
        auto updated = cases.SetPreviousMembership(*context.actor, *id, std::nullopt, *if_match);
        if (!updated.ok()) return ErrorResponse(updated.error());
        return PersonResponse(*updated, *context.actor);
      }));
  return Ok();
}

}  // namespace ptdv::http

#include "http/case_api.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <charconv>

#include "domain/role.h"
#include "domain/search_key.h"
#include "http/api_json.h"
#include "http/api_params.h"
#include "http/api_routes.h"
#include "http/auth_api.h"
#include "http/case_query.h"
#include "http/error_mapping.h"
#include "http/json_body.h"
#include "http/redaction.h"
#include "service/json_codec.h"
#include "service/json_values.h"
#include "service/reference_data.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

// The version a write expects: If-Match: "7" (or W/"7", or 7), else the body's "version".
// kInvalid when neither is given: a write without it could silently overwrite another's.
Result<int> ExpectedVersion(const Request& request, const BodyReader& body) {
  PTDV_ASSIGN_OR_RETURN(std::optional<int> header, IfMatchVersion(request));
  if (header) return *header;
  int version = 0;
  PTDV_RETURN_IF_ERROR(body.ReadInt("version", version, Presence::kOptional, 1));
  if (version > 0) return version;
  return Error::Invalid(
      "Thiếu phiên bản hồ sơ (If-Match hoặc version) để tránh ghi đè thay đổi của người khác",
      "version");
}

constexpr std::string_view kEventKeys[] = {
    "action",        "date",           "documents",          "vote",
    "member_person_id", "together_since", "replacement",     "relative_name",
    "relation",      "relative_is_member", "finding",        "consent",
    "received_on",   "extension_working_days", "note",       "version"};

// A CaseEvent from the request body. Besides BodyReader's rules (unknown keys, types, dates),
// a field the action does not use (domain/workflow.h EventFields) is refused, naming it.
Result<CaseEvent> ParseEvent(const BodyReader& body) {
  CaseEvent e;
  PTDV_RETURN_IF_ERROR(body.ReadCode("action", e.action, ActionFromCode, Presence::kRequired));
  auto fields = EventFields(e.action);
  for (std::string_view key : kEventKeys) {
    if (key == "action" || key == "version" || !body.Has(key)) continue;
    if (std::find(fields.begin(), fields.end(), key) == fields.end()) {
      return Error::Invalid(fmt::format("Bước «{}» không dùng trường «{}»",
                                        ActionLabel(e.action), key),
                            std::string(key));
    }
  }
  PTDV_RETURN_IF_ERROR(body.ReadDate("date", e.date, Presence::kRequired));
  PTDV_ASSIGN_OR_RETURN(auto documents,
                        body.Objects("documents", {"form_code", "number", "date", "issuer"}));
  for (const auto& d : documents) {
    Document doc;
    PTDV_RETURN_IF_ERROR(d.ReadString("form_code", doc.form_code));
    PTDV_RETURN_IF_ERROR(d.ReadString("number", doc.number));
    PTDV_RETURN_IF_ERROR(d.ReadOptionalDate("date", doc.date));
    PTDV_RETURN_IF_ERROR(d.ReadString("issuer", doc.issuer));
    e.documents.push_back(std::move(doc));
  }
  PTDV_ASSIGN_OR_RETURN(auto vote,
                        body.Object("vote", {"eligible", "present", "in_favour", "against"}));
  if (vote) {
    Vote v;
    PTDV_RETURN_IF_ERROR(vote->ReadInt("eligible", v.eligible, Presence::kRequired, 0, 100000));
    PTDV_RETURN_IF_ERROR(vote->ReadInt("present", v.present, Presence::kRequired, 0, 100000));
    PTDV_RETURN_IF_ERROR(vote->ReadInt("in_favour", v.in_favour, Presence::kRequired, 0, 100000));
    PTDV_RETURN_IF_ERROR(vote->ReadInt("against", v.against, Presence::kOptional, 0, 100000));
    e.vote = v;
  }
  if (body.Has("member_person_id")) {
    std::int64_t member = 0;
    PTDV_RETURN_IF_ERROR(body.ReadInt("member_person_id", member, Presence::kRequired, 1));
    e.member_person_id = member;
  }
  PTDV_RETURN_IF_ERROR(body.ReadOptionalDate("together_since", e.together_since));
  bool replacement = false;
  PTDV_RETURN_IF_ERROR(body.ReadBool("replacement", replacement));
  e.replacement = replacement ? Replacement::kYes : Replacement::kNo;
  PTDV_RETURN_IF_ERROR(body.ReadString("relative_name", e.relative_name));
  if (body.Has("relation")) {
    Relation relation{};
    PTDV_RETURN_IF_ERROR(body.ReadCode("relation", relation, RelationFromCode));
    e.relation = relation;
  }
  PTDV_RETURN_IF_ERROR(body.ReadBool("relative_is_member", e.relative_is_member));
  PTDV_RETURN_IF_ERROR(body.ReadCode("finding", e.finding, FindingFromCode));
  if (body.Has("consent")) {
    ConsentKind consent{};
    PTDV_RETURN_IF_ERROR(body.ReadCode("consent", consent, ConsentKindFromCode));
    e.consent = consent;
  }
  PTDV_RETURN_IF_ERROR(body.ReadOptionalDate("received_on", e.received_on));
  PTDV_RETURN_IF_ERROR(body.ReadInt("extension_working_days", e.extension_working_days,
                                    Presence::kOptional, 0, 1000));
  PTDV_RETURN_IF_ERROR(body.ReadString("note", e.note));
  return e;
}

// `memory`: where the object's strings, arrays and members live (ListCases: one arena per answer).
// The answer of the case list, written as text as it goes: a page of rows as a JSON document
// first cost more than computing it. RapidJSON's writer, since Boost.JSON writes only documents.
class CasePageWriter {
 public:
  std::string Write(const CasePage& page, const CaseQuery& query) {
    w_.StartObject();
    Key("items");
    w_.StartArray();
    for (const CaseListRow& row : page.rows) Row(row, page.disclosure);
    w_.EndArray();
    Key("total");
    w_.Int(page.total);
    Key("page");
    w_.Int(query.page);
    Key("page_size");
    w_.Int(query.page_size);
    Key("counts_by_stage");
    w_.StartObject();
    for (const auto& [stage, n] : page.counts_by_stage) {
      Key(StageCode(stage));
      w_.Int(n);
    }
    w_.EndObject();
    Key("on");
    Date(query.on);
    w_.EndObject();
    return {buffer_.GetString(), buffer_.GetSize()};
  }

 private:
  void Key(std::string_view key) { String(key); }  // a key is written as a string is
  // A text with nothing to escape (names, codes, labels, dates: almost every one) is copied
  // whole after the writer's separator; RapidJSON escapes the others byte by byte.
  void String(std::string_view text) {
    const bool plain = std::none_of(text.begin(), text.end(), [](char ch) {
      return static_cast<unsigned char>(ch) < 0x20 || ch == '"' || ch == '\\';
    });
    if (!plain) {
      w_.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
      return;
    }
    w_.RawValue("", 0, rapidjson::kStringType);  // the separator, and the writer's count
    char* out = buffer_.Push(text.size() + 2);
    out[0] = '"';
    std::copy(text.begin(), text.end(), out + 1);
    out[text.size() + 1] = '"';
  }
  void Date(ptdv::Date date) { String(FormatIsoDate(date)); }

  void Row(const CaseListRow& row, Disclosure disclosure) {
    const Case& c = row.header;
    w_.StartObject();
    Key("id");
    w_.Int64(c.id);
    Key("person_id");
    w_.Int64(c.person_id);
    Key("person_name");
    String(row.person_name);
    Key("birth_date");
    Date(row.birth_date);
    Key("cell_id");
    w_.Int64(c.cell_id);
    Key("cell_code");
    String(row.cell_code);
    Key("cell_name");
    String(row.cell_name);
    Key("category");
    String(SourceCategoryCode(c.category));
    Key("category_label");
    String(SourceCategoryLabel(c.category));
    Key("stage");
    String(StageCode(c.stage));
    Key("stage_label");
    String(StageLabel(c.stage));
    Key("opened_on");
    Date(c.opened_on);
    Key("next_deadline");
    if (c.next_deadline) {
      Date(*c.next_deadline);
    } else {
      w_.Null();
    }
    Key("next_deadline_rule");
    String(c.next_deadline_rule);
    Key("deadline");
    if (row.deadline) {
      DeadlineObject(*row.deadline);
    } else {
      w_.Null();
    }
    Key("unmet");
    w_.StartArray();
    for (const Condition& u : row.unmet) {
      w_.StartObject();
      Key("rule");
      String(CodeOf(u.rule));
      Key("message");
      String(u.MessageFor(disclosure));
      Key("blocking");
      w_.Bool(u.blocking);
      w_.EndObject();
    }
    w_.EndArray();
    Key("version");
    w_.Int(c.version);
    w_.EndObject();
  }

  // As service/json_values.cc writes a Deadline.
  void DeadlineObject(const Deadline& d) {
    w_.StartObject();
    Key("rule");
    String(CodeOf(d.rule));
    Key("label");
    String(d.label);
    Key("due");
    Date(d.due);
    Key("status");
    String(DeadlineStatusCode(d.status));
    Key("days");
    w_.Int(d.days);
    Key("working_days");
    w_.Bool(d.unit == DayUnit::kWorkingDays);
    Key("text");
    String(d.Describe());
    w_.EndObject();
  }

  rapidjson::StringBuffer buffer_{nullptr, std::size_t{16} * 1024};
  rapidjson::Writer<rapidjson::StringBuffer> w_{buffer_};
};

Response CaseCreated(const Case& header, int status) {
  Response r = Response::Json(fmt::format(R"({{"case":{}}})", ToJson(header)), status);
  r.headers.Set("ETag", VersionETag(header.version));
  if (status == 201) r.headers.Set("Location", fmt::format("/api/v1/cases/{}", header.id));
  return r;
}

json::array Labelled(auto first, auto last, auto code, auto label) {
  json::array out;
  for (int i = static_cast<int>(first); i <= static_cast<int>(last); ++i) {
    using E = decltype(first);
    out.push_back(json::object{{"code", code(static_cast<E>(i))},
                               {"label", label(static_cast<E>(i))}});
  }
  return out;
}

// What the case routes work with; the referred objects outlive the router.
struct CaseApi {
  CaseService& cases;
  const Clock& clock;
  ResponseCache* cache;
};

// Everything a listed answer depends on besides the data: who asks (their role and scope decide
// what they may see), what they ask, the day and the calendar (deadlines).
std::string AnswerKey(std::string_view what, const CaseApi& api, const Request& request,
                      const Actor& actor) {
  return fmt::format("{}\n{}\n{}\n{}\n{}\n{}\n{}", what, actor.login, actor.role,
                     actor.scope_root ? *actor.scope_root : 0, request.target,
                     FormatIsoDate(api.clock.Today()),
                     static_cast<const void*>(api.cases.CalendarInForce()));
}

UnitAnswer ComputeCase(const CaseApi& api, const Request& request, const Actor& actor) {
  auto id = PathId(request, "id");
  if (!id.ok()) return {ErrorResponse(id.error()), std::nullopt};
  auto on = QueryDate(request, "on", api.clock.Today());
  if (!on.ok()) return {ErrorResponse(on.error()), std::nullopt};
  auto view = api.cases.Show(actor, *id, *on);
  if (!view.ok()) return {ErrorResponse(view.error()), std::nullopt};
  // The service removed what the reader may not see (DOMAIN §8); the serialisers
  // take the same disclosure, so nothing confidential is written either way.
  const Disclosure disclosure = view->disclosure;
  std::string events = "[";
  for (std::size_t i = 0; i < view->record.events.size(); ++i) {
    if (i) events += ",";
    events += ToJson(view->record.events[i], disclosure);
  }
  events += "]";
  Response r = Response::Json(
      fmt::format(R"({{"case":{},"person":{},"cell":{},"evaluation":{},"events":{}}})",
                  ToJson(view->record.header), ToJson(view->person, disclosure), ToJson(view->cell),
                  ToJson(view->evaluation, disclosure), events));
  r.headers.Set("ETag", VersionETag(view->record.header.version));
  // Everything it shows is written down to the case's cell (migration 0016: the case, its
  // events, its person, the memberships of the members it names, the cell's members).
  return {std::move(r), view->record.header.cell_id};
}

Response ShowCase(const CaseApi& api, const Request& request, RouteContext& context) {
  const Actor& actor = *context.actor;
  return CachedGetOfUnit(api.cache, request, AnswerKey("case", api, request, actor),
                         [&] { return ComputeCase(api, request, actor); });
}

Response ListDeadlines(const CaseApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"org", "on"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  const Actor& actor = *context.actor;
  const OrgChoice org = OrgParam(request);
  return CachedGet(api.cache, request, AnswerKey("deadlines", api, request, actor),
                   UnitAsked(api.cache, actor, org.code), [&] {
                     auto on = QueryDate(request, "on", api.clock.Today());
                     if (!on.ok()) return ErrorResponse(on.error());
                     auto rows = api.cases.DeadlinesFor(actor, org, *on);
                     if (!rows.ok()) return ErrorResponse(rows.error());
                     json::array items;
                     for (const auto& row : *rows) items.push_back(DeadlineRowObject(row));
                     return Response::Json(json::serialize(
                         json::object{{"on", FormatIsoDate(*on)}, {"items", std::move(items)}}));
                   });
}

Response ListCases(const CaseApi& api, const Request& request, RouteContext& context) {
  const Actor& actor = *context.actor;
  const OrgChoice org = OrgParam(request);
  return CachedGet(
      api.cache, request, AnswerKey("cases", api, request, actor),
      UnitAsked(api.cache, actor, org.code), [&] {
        auto query = ParseCaseQuery(request, api.clock);
        if (!query.ok()) return ErrorResponse(query.error());
        auto page = api.cases.FindCases(actor, org, *query);
        if (!page.ok()) return ErrorResponse(page.error());
        return Response::Json(CasePageWriter().Write(*page, *query));
      });
}

Response OpenCase(const CaseApi& api, const Request& request, RouteContext& context) {
  auto body = BodyReader::Parse(request, {"person_id", "cell", "category", "opened_on"});
  if (!body.ok()) return ErrorResponse(body.error());
  std::int64_t person_id = 0;
  OrgChoice cell{.code = std::string(), .field = "cell"};
  SourceCategory category{};
  Date opened_on = api.clock.Today();
  for (const Status& s :
       {body->ReadInt("person_id", person_id, Presence::kRequired, 1),
        body->ReadString("cell", *cell.code, Presence::kRequired),
        body->ReadCode("category", category, SourceCategoryFromCode, Presence::kRequired),
        body->ReadDate("opened_on", opened_on)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  auto opened = api.cases.OpenCase(*context.actor, person_id, cell, category, opened_on);
  if (!opened.ok()) return ErrorResponse(opened.error());
  return CaseCreated(*opened, 201);
}

Response TransferCase(const CaseApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto body = BodyReader::Parse(request, {"cell", "date"});
  if (!body.ok()) return ErrorResponse(body.error());
  OrgChoice cell{.code = std::string(), .field = "cell"};
  Date date{};
  for (const Status& s : {body->ReadString("cell", *cell.code, Presence::kRequired),
                          body->ReadDate("date", date, Presence::kRequired)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  auto moved = api.cases.Transfer(*context.actor, *id, cell, date);
  if (!moved.ok()) return ErrorResponse(moved.error());
  return CaseCreated(*moved, 200);
}

Response RecordEvent(const CaseApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto body = BodyReader::Parse(request, BodyReader::Keys(kEventKeys));
  if (!body.ok()) return ErrorResponse(body.error());
  auto version = ExpectedVersion(request, *body);
  if (!version.ok()) return ErrorResponse(version.error());
  auto event = ParseEvent(*body);
  if (!event.ok()) return ErrorResponse(event.error());
  auto updated = api.cases.Record(*context.actor, *id, std::move(*event), *version);
  if (!updated.ok()) return ErrorResponse(updated.error());
  return CaseCreated(*updated, 200);
}

Response ShowReference(const CaseApi&, const Request&, RouteContext&) {
  json::array actions;
  for (int i = 0; i <= static_cast<int>(Action::kCancelDecision); ++i) {
    auto a = static_cast<Action>(i);
    json::array fields;
    for (std::string_view f : EventFields(a)) fields.push_back(json::string(f));
    actions.push_back(json::object{{"code", ActionCode(a)},
                                   {"label", ActionLabel(a)},
                                   {"form", ExpectedForm(a)},
                                   {"fields", std::move(fields)}});
  }
  json::array roles;
  for (Role role : AllRoles()) {
    roles.push_back(json::object{{"code", RoleCode(role)}, {"label", RoleLabel(role)}});
  }
  json::object reference{
      {"stages", Labelled(Stage::kSource, Stage::kCancelled, StageCode, StageLabel)},
      {"actions", std::move(actions)},
      {"categories", Labelled(SourceCategory::kTeacher, SourceCategory::kOther, SourceCategoryCode,
                              SourceCategoryLabel)},
      {"relations", Labelled(Relation::kSelf, Relation::kChild, RelationCode, RelationLabel)},
      {"roles", std::move(roles)},
      {"rules", RuleTable()}};
  Response r = Response::Json(json::serialize(reference));
  r.headers.Set("Cache-Control", "private, max-age=3600");
  return r;
}

}  // namespace

Status RegisterCaseApi(Router& router, CaseService& cases, const Clock& clock,
                       ResponseCache* cache) {
  // Who may record which step is decided per action by the service (domain/role.h MayRecord);
  // the events route needs at least the weakest recording permission a role can hold.
  return AddRoutes<CaseApi>(
      router, CaseApi{cases, clock, cache},
      {{Method::kGet, "/api/v1/cases/{id}", RouteAccess::Require("read_cases", "id"), ShowCase},
       {Method::kGet, "/api/v1/deadlines", RouteAccess::Require("read_cases"), ListDeadlines},
       {Method::kGet, "/api/v1/cases", RouteAccess::Require("read_cases"), ListCases},
       {Method::kPost, "/api/v1/cases", RouteAccess::Require("write_people"), OpenCase},
       {Method::kPost, "/api/v1/cases/{id}/events",
        RouteAccess::Require(std::string(kAnyRecorder), "id"), RecordEvent},
       {Method::kPost, "/api/v1/cases/{id}/transfer", RouteAccess::Require("write_people", "id"),
        TransferCase},
       {Method::kGet, "/api/v1/reference", RouteAccess::Require(std::string(kAnyUser)),
        ShowReference}});
}

}  // namespace ptdv::http

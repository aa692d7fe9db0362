#include "http/blended_class_api.h"

#include <boost/json.hpp>
#include <memory>

#include "domain/timestamp.h"
#include "http/api_params.h"
#include "http/api_routes.h"
#include "http/content_disposition.h"
#include "http/error_mapping.h"
#include "http/json_body.h"
#include "service/json_values.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

struct BlendedClassApi {
  BlendedClassService& online;
  std::shared_ptr<RateLimiter> limiter;  // of the learner's routes
};

json::value RulesObject(const std::optional<OnlineRules>& r) {
  if (!r) return nullptr;
  return json::object{{"self_study_percent", r->self_study_percent},
                      {"quiz_questions", r->quiz_questions},
                      {"quiz_pass_percent", r->quiz_pass_percent},
                      {"quiz_max_attempts", r->quiz_max_attempts}};
}

json::object MaterialObject(const ClassMaterial& m) {
  return json::object{{"id", m.id},
                      {"class_id", m.class_id},
                      {"position", m.position},
                      {"title", m.title},
                      {"file_name", m.file_name},
                      {"media_type", ScanMediaType(m.type)},
                      {"size_bytes", m.size_bytes},
                      {"sha256", m.sha256},
                      {"uploaded_by", m.uploaded_by},
                      {"uploaded_at", FormatTimestamp(m.uploaded_at)}};
}

json::array Materials(const std::vector<ClassMaterial>& materials) {
  json::array out;
  for (const ClassMaterial& m : materials) out.push_back(MaterialObject(m));
  return out;
}

json::array Strings(const std::vector<std::string>& texts) {
  json::array out;
  for (const std::string& t : texts) out.emplace_back(t);
  return out;
}

json::object QuestionObject(const QuizQuestion& q) {
  return json::object{
      {"id", q.id},        {"class_id", q.class_id},        {"position", q.position},
      {"text", q.text},    {"options", Strings(q.options)}, {"correct_option", q.correct_option},
      {"active", q.active}};
}

json::value PercentOrNull(const std::optional<int>& percent) {
  if (!percent) return nullptr;
  return *percent;
}

Response NoStore(Response r) {
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

Response FileResponse(const std::pair<ClassMaterial, std::string>& file, Disposition disposition) {
  Response r;
  r.content_type = std::string(ScanMediaType(file.first.type));
  r.body = file.second;
  r.headers.Set("Content-Disposition", ContentDisposition(disposition, file.first.file_name, {}));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

// --- The Political Centre.

Response Setup(const BlendedClassApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto setup = api.online.Setup(*context.actor, *id);
  if (!setup.ok()) return ErrorResponse(setup.error());
  json::array questions;
  for (const QuizQuestion& q : setup->questions) questions.push_back(QuestionObject(q));
  return NoStore(
      Response::Json(json::serialize(json::object{{"rules", RulesObject(setup->rules)},
                                                  {"materials", Materials(setup->materials)},
                                                  {"questions", std::move(questions)}})));
}

Response PutRules(const BlendedClassApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto body = BodyReader::Parse(
      request, {"self_study_percent", "quiz_questions", "quiz_pass_percent", "quiz_max_attempts"});
  if (!body.ok()) return ErrorResponse(body.error());
  OnlineRules rules{.class_id = *id};
  for (auto [key, field] : {std::pair{"self_study_percent", &rules.self_study_percent},
                            std::pair{"quiz_questions", &rules.quiz_questions},
                            std::pair{"quiz_pass_percent", &rules.quiz_pass_percent},
                            std::pair{"quiz_max_attempts", &rules.quiz_max_attempts}}) {
    if (Status s = body->ReadInt(key, *field, Presence::kRequired); !s.ok()) {
      return ErrorResponse(s.error());
    }
  }
  auto stored = api.online.PutRules(*context.actor, rules);
  if (!stored.ok()) return ErrorResponse(stored.error());
  return Response::Json(json::serialize(json::object{{"rules", RulesObject(*stored)}}));
}

Response AddMaterial(const BlendedClassApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"title", "name"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  MaterialUpload upload{.title = std::string(request.Query("title").value_or("")),
                        .file_name = std::string(request.Query("name").value_or("")),
                        .content = request.body};
  if (auto type = request.Header("Content-Type")) upload.declared_media_type = std::string(*type);
  auto stored = api.online.AddMaterial(*context.actor, *id, std::move(upload));
  if (!stored.ok()) return ErrorResponse(stored.error());
  return Response::Json(json::serialize(json::object{{"material", MaterialObject(*stored)}}), 201);
}

Response MaterialFile(const BlendedClassApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto material = PathId(request, "material");
  if (!material.ok()) return ErrorResponse(material.error());
  auto file = api.online.MaterialFile(*context.actor, *id, *material);
  if (!file.ok()) return ErrorResponse(file.error());
  return FileResponse(*file, Disposition::kInline);
}

Response MoveMaterial(const BlendedClassApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto material = PathId(request, "material");
  if (!material.ok()) return ErrorResponse(material.error());
  auto body = BodyReader::Parse(request, {"position"});
  if (!body.ok()) return ErrorResponse(body.error());
  int position = 0;
  if (Status s = body->ReadInt("position", position, Presence::kRequired, 1, 1000); !s.ok()) {
    return ErrorResponse(s.error());
  }
  auto moved = api.online.MoveMaterial(*context.actor, *id, *material, position);
  if (!moved.ok()) return ErrorResponse(moved.error());
  return Response::Json(json::serialize(json::object{{"materials", Materials(*moved)}}));
}

Response RemoveMaterial(const BlendedClassApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto material = PathId(request, "material");
  if (!material.ok()) return ErrorResponse(material.error());
  auto left = api.online.RemoveMaterial(*context.actor, *id, *material);
  if (!left.ok()) return ErrorResponse(left.error());
  return Response::Json(json::serialize(json::object{{"materials", Materials(*left)}}));
}

Response AddQuestion(const BlendedClassApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto body = BodyReader::Parse(request, {"text", "options", "correct_option"});
  if (!body.ok()) return ErrorResponse(body.error());
  QuizQuestion q;
  for (const Status& s : {body->ReadString("text", q.text, Presence::kRequired),
                          body->ReadStrings("options", q.options, Presence::kRequired),
                          body->ReadInt("correct_option", q.correct_option, Presence::kRequired)}) {
    if (!s.ok()) return ErrorResponse(s.error());
  }
  auto stored = api.online.AddQuestion(*context.actor, *id, std::move(q));
  if (!stored.ok()) return ErrorResponse(stored.error());
  return Response::Json(json::serialize(json::object{{"question", QuestionObject(*stored)}}), 201);
}

Response RemoveQuestion(const BlendedClassApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto question = PathId(request, "question");
  if (!question.ok()) return ErrorResponse(question.error());
  auto removed = api.online.RemoveQuestion(*context.actor, *id, *question);
  if (!removed.ok()) return ErrorResponse(removed.error());
  return Response::Json(json::serialize(json::object{{"question", QuestionObject(*removed)}}));
}

Response Results(const BlendedClassApi& api, const Request& request, RouteContext& context) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto results = api.online.Results(*context.actor, *id);
  if (!results.ok()) return ErrorResponse(results.error());
  json::array learners, questions;
  for (const LearnerResult& r : results->learners) {
    learners.push_back(json::object{{"enrolment_id", r.enrolment_id},
                                    {"person_name", r.person_name},
                                    {"nominating_org_name", r.nominating_org_name},
                                    {"state", EnrolmentStateCode(r.state)},
                                    {"sessions_attended", r.sessions_attended},
                                    {"session_count", r.session_count},
                                    {"sessions_met", r.sessions_met},
                                    {"materials_done", r.progress.materials_done},
                                    {"materials_total", r.progress.materials_total},
                                    {"self_study_met", r.self_study_met},
                                    {"attempts_used", r.progress.attempts_used},
                                    {"best_percent", PercentOrNull(r.progress.best_percent)},
                                    {"quiz_passed", r.progress.quiz_passed},
                                    {"certifiable", r.certifiable},
                                    {"certificate_date", DateOrNull(r.certificate_date)}});
  }
  for (const QuestionLine& line : results->questions) {
    questions.push_back(json::object{{"question_id", line.question.id},
                                     {"position", line.question.position},
                                     {"text", line.question.text},
                                     {"active", line.question.active},
                                     {"drawn", line.result.drawn},
                                     {"correct", line.result.correct},
                                     {"failed", line.result.Failed()},
                                     {"fail_percent", PercentOrNull(line.result.FailPercent())}});
  }
  return NoStore(
      Response::Json(json::serialize(json::object{{"rules", RulesObject(results->rules)},
                                                  {"learners", std::move(learners)},
                                                  {"questions", std::move(questions)}})));
}

// --- The learner, through a personal link.

std::optional<Response> Throttled(const BlendedClassApi& api, const Request& request) {
  if (auto wait = api.limiter->Acquire(request.remote_address); wait.count() > 0) {
    return RetryLaterResponse(
        Error::Forbidden("Thao tác quá nhiều lần, vui lòng thử lại sau ít phút"), wait);
  }
  return std::nullopt;
}

std::string TokenOf(const Request& request) {
  return std::string(request.PathParam("token").value_or(""));
}

Response Learning(const BlendedClassApi& api, const Request& request, RouteContext&) {
  if (auto wait = Throttled(api, request)) return *wait;
  auto learning = api.online.Learning(TokenOf(request));
  if (!learning.ok()) return ErrorResponse(learning.error());
  json::array classes;
  for (const LearningClass& lc : *learning) {
    json::array materials;
    for (const auto& [m, done] : lc.materials) {
      materials.push_back(json::object{{"id", m.id},
                                       {"position", m.position},
                                       {"title", m.title},
                                       {"media_type", ScanMediaType(m.type)},
                                       {"size_bytes", m.size_bytes},
                                       {"done", done}});
    }
    json::value quiz = nullptr;
    if (lc.rules.HasQuiz()) {
      json::value open = nullptr;
      if (lc.open_attempt_id) open = *lc.open_attempt_id;
      quiz = json::object{{"questions", lc.rules.quiz_questions},
                          {"pass_percent", lc.rules.quiz_pass_percent},
                          {"max_attempts", lc.rules.quiz_max_attempts},
                          {"attempts_used", lc.progress.attempts_used},
                          {"best_percent", PercentOrNull(lc.progress.best_percent)},
                          {"passed", lc.progress.quiz_passed},
                          {"open_attempt_id", std::move(open)}};
    }
    classes.push_back(json::object{{"class_id", lc.training_class.id},
                                   {"name", lc.training_class.name},
                                   {"starts_on", FormatIsoDate(lc.training_class.starts_on)},
                                   {"ends_on", FormatIsoDate(lc.training_class.ends_on)},
                                   {"self_study_percent", lc.rules.self_study_percent},
                                   {"materials", std::move(materials)},
                                   {"materials_done", lc.progress.materials_done},
                                   {"self_study_met", lc.self_study_met},
                                   {"quiz", std::move(quiz)},
                                   {"certified", lc.certified}});
  }
  Response r =
      NoStore(Response::Json(json::serialize(json::object{{"classes", std::move(classes)}})));
  r.headers.Set("Referrer-Policy", "no-referrer");
  return r;
}

Response LearnerMaterial(const BlendedClassApi& api, const Request& request, RouteContext&) {
  if (auto wait = Throttled(api, request)) return *wait;
  auto material = PathId(request, "material");
  if (!material.ok()) return ErrorResponse(material.error());
  auto file = api.online.LearnerMaterial(TokenOf(request), *material);
  if (!file.ok()) return ErrorResponse(file.error());
  return FileResponse(*file, Disposition::kInline);
}

Response MarkDone(const BlendedClassApi& api, const Request& request, RouteContext&) {
  if (auto wait = Throttled(api, request)) return *wait;
  auto material = PathId(request, "material");
  if (!material.ok()) return ErrorResponse(material.error());
  if (Status s = api.online.MarkDone(TokenOf(request), *material, request.remote_address);
      !s.ok()) {
    return ErrorResponse(s.error());
  }
  return NoStore(
      Response::Json(json::serialize(json::object{{"material_id", *material}, {"done", true}})));
}

Response StartAttempt(const BlendedClassApi& api, const Request& request, RouteContext&) {
  if (auto wait = Throttled(api, request)) return *wait;
  auto class_id = PathId(request, "class");
  if (!class_id.ok()) return ErrorResponse(class_id.error());
  auto paper = api.online.StartAttempt(TokenOf(request), *class_id, request.remote_address);
  if (!paper.ok()) return ErrorResponse(paper.error());
  json::array questions;
  for (std::size_t i = 0; i < paper->questions.size(); ++i) {
    questions.push_back(json::object{{"position", static_cast<int>(i) + 1},
                                     {"text", paper->questions[i].text},
                                     {"options", Strings(paper->questions[i].options)}});
  }
  json::object attempt{{"id", paper->attempt.id},
                       {"attempt_no", paper->attempt.attempt_no},
                       {"max_attempts", paper->max_attempts},
                       {"pass_percent", paper->pass_percent},
                       {"questions", std::move(questions)}};
  return NoStore(Response::Json(json::serialize(json::object{{"attempt", std::move(attempt)}}),
                                paper->resumed ? 200 : 201));
}

Response Submit(const BlendedClassApi& api, const Request& request, RouteContext&) {
  if (auto wait = Throttled(api, request)) return *wait;
  auto attempt = PathId(request, "attempt");
  if (!attempt.ok()) return ErrorResponse(attempt.error());
  auto body = BodyReader::Parse(request, {"answers"});
  if (!body.ok()) return ErrorResponse(body.error());
  std::vector<std::optional<int>> answers;
  if (Status s =
          body->ReadOptionalInts("answers", answers, Presence::kRequired, 1, kMaxQuizOptions);
      !s.ok()) {
    return ErrorResponse(s.error());
  }
  auto outcome = api.online.Submit(TokenOf(request), *attempt, answers, request.remote_address);
  if (!outcome.ok()) return ErrorResponse(outcome.error());
  const QuizAttempt& a = outcome->attempt;
  json::array items;
  for (const QuizItem& item : a.items) {
    items.push_back(json::object{{"position", item.position}, {"correct", item.correct}});
  }
  return NoStore(Response::Json(json::serialize(
      json::object{{"result", json::object{{"attempt_no", a.attempt_no},
                                           {"correct", a.correct},
                                           {"total", a.total},
                                           {"percent", a.Percent()},
                                           {"passed", a.passed},
                                           {"attempts_left", outcome->attempts_left},
                                           {"items", std::move(items)}}}})));
}

}  // namespace

bool IsMaterialUpload(Method method, std::string_view path) {
  constexpr std::string_view kPrefix = "/api/v1/classes/";
  constexpr std::string_view kSuffix = "/materials";
  if (method != Method::kPost || !path.starts_with(kPrefix) || !path.ends_with(kSuffix)) {
    return false;
  }
  std::string_view id = path.substr(kPrefix.size());
  if (id.size() < kSuffix.size()) return false;
  id.remove_suffix(kSuffix.size());
  return !id.empty() && id.size() <= 18 &&
         id.find_first_not_of("0123456789") == std::string_view::npos;
}

Status RegisterBlendedClassApi(Router& router, BlendedClassService& online, const Clock& clock,
                               RateLimit learning) {
  using R = RouteAccess;
  const auto manage = [] { return R::Require("record_certificate", "id"); };
  const auto read = [] { return R::Require("read_cases", "id"); };
  return AddRoutes<BlendedClassApi>(
      router, BlendedClassApi{online, std::make_shared<RateLimiter>(learning, clock)},
      {{Method::kGet, "/api/v1/classes/{id}/online", read(), Setup},
       {Method::kPut, "/api/v1/classes/{id}/online", manage(), PutRules},
       {Method::kPost, "/api/v1/classes/{id}/materials", manage(), AddMaterial},
       {Method::kGet, "/api/v1/classes/{id}/materials/{material}", read(), MaterialFile},
       {Method::kPost, "/api/v1/classes/{id}/materials/{material}/move", manage(), MoveMaterial},
       {Method::kPost, "/api/v1/classes/{id}/materials/{material}/remove", manage(),
        RemoveMaterial},
       {Method::kPost, "/api/v1/classes/{id}/questions", manage(), AddQuestion},
       {Method::kPost, "/api/v1/classes/{id}/questions/{question}/remove", manage(),
        RemoveQuestion},
       {Method::kGet, "/api/v1/classes/{id}/online/results", read(), Results},
       {Method::kGet, "/api/v1/candidate-view/{token}/learning", R::Public(), Learning},
       {Method::kGet, "/api/v1/candidate-view/{token}/materials/{material}", R::Public(),
        LearnerMaterial},
       {Method::kPost, "/api/v1/candidate-view/{token}/materials/{material}/done", R::Public(),
        MarkDone},
       {Method::kPost, "/api/v1/candidate-view/{token}/classes/{class}/attempts", R::Public(),
        StartAttempt},
       {Method::kPost, "/api/v1/candidate-view/{token}/attempts/{attempt}/submit", R::Public(),
        Submit}});
}

}  // namespace ptdv::http

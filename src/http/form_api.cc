#include "http/form_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/search_key.h"
#include "http/api_params.h"
#include "http/api_routes.h"
#include "http/content_disposition.h"
#include "http/error_mapping.h"
#include "report/case_forms.h"
#include "report/class_forms.h"
#include "storage/not_found.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

struct FormApi {
  FormService& forms;
  ClassService& classes;
  report::PageStyle style;
};

// A PDF to open in the browser and print, named `name`.
Response PdfResponse(std::string pdf, const std::string& name) {
  Response r;
  r.content_type = "application/pdf";
  r.body = std::move(pdf);
  r.headers.Set("Content-Disposition", ContentDisposition(Disposition::kInline, name));
  r.headers.Set("Cache-Control", "no-store");  // personal data: never kept by a cache
  return r;
}

// "nguyen-van-an": a name as a file name's part.
std::string Slug(std::string_view name) {
  std::string slug;
  for (char c : SearchKey(name)) slug += c == ' ' ? '-' : c;
  return slug;
}

Response List(const FormApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {}); !known.ok()) return ErrorResponse(known.error());
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto facts = api.forms.CaseFacts(*context.actor, *id);
  if (!facts.ok()) return ErrorResponse(facts.error());
  json::array items;
  for (const report::PrintableForm& form : report::PrintableForms(*facts)) {
    json::object item{{"form_code", form.code}, {"title", form.title}, {"detail", form.detail}};
    item["event_id"] = form.event_id ? json::value(*form.event_id) : json::value(nullptr);
    items.push_back(std::move(item));
  }
  Response r = Response::Json(json::serialize(json::object{{"items", std::move(items)}}));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

Response Print(const FormApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"event"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto event = QueryId(request, "event");
  if (!event.ok()) return ErrorResponse(event.error());
  const std::string form = report::NormaliseFormCode(request.PathParam("form").value_or(""));
  auto facts = api.forms.CaseFacts(*context.actor, *id);
  if (!facts.ok()) return ErrorResponse(facts.error());
  auto document = report::CaseForm(*facts, form, *event);
  if (!document.ok()) return ErrorResponse(document.error());
  auto pdf = report::WritePdf({*document}, api.style);
  if (!pdf.ok()) return ErrorResponse(pdf.error());
  return PdfResponse(std::move(*pdf),
                     fmt::format("{}-{}.pdf", form, Slug(facts->person.full_name)));
}

Response Roster(const FormApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {}); !known.ok()) return ErrorResponse(known.error());
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto view = api.classes.GetClass(*context.actor, *id);
  if (!view.ok()) return ErrorResponse(view.error());
  auto pdf = report::WritePdf(
      {report::ClassRoster(*view, report::PlaceFromName(view->summary.organiser_name))}, api.style);
  if (!pdf.ok()) return ErrorResponse(pdf.error());
  return PdfResponse(std::move(*pdf),
                     fmt::format("danh-sach-{}.pdf", view->summary.training_class.code));
}

// The public address of the certificate check, on the host the user reached.
std::string VerifyUrl(const Request& request, std::string_view code) {
  std::string host(request.Header("Host").value_or(""));
  const bool plain = !host.empty() && host.size() < 256 &&
                     host.find_first_not_of(
                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "0123456789.-:[]") == std::string::npos;
  std::string path = fmt::format("/kiem-tra-chung-nhan/{}", code);
  if (!plain) return path;
  return fmt::format("{}://{}{}", request.https ? "https" : "http", host, path);
}

Response Certificate(const FormApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {}); !known.ok()) return ErrorResponse(known.error());
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto enrolment = PathId(request, "enrolment");
  if (!enrolment.ok()) return ErrorResponse(enrolment.error());
  auto view = api.classes.GetClass(*context.actor, *id);
  if (!view.ok()) return ErrorResponse(view.error());
  if (!view->all_enrolments) {
    return ErrorResponse(Error::Forbidden("Giấy chứng nhận do đơn vị tổ chức lớp in và cấp"));
  }
  const EnrolmentView* learner = nullptr;
  for (const EnrolmentView& e : view->enrolments) {
    if (e.enrolment.id == *enrolment) learner = &e;
  }
  if (learner == nullptr) return ErrorResponse(NotFoundError(kEnrolmentNoun, *enrolment));
  auto document =
      report::ClassCertificate(*view, *learner, report::PlaceFromName(view->summary.organiser_name),
                               VerifyUrl(request, learner->enrolment.verification_code));
  if (!document.ok()) return ErrorResponse(document.error());
  auto pdf = report::WritePdf({*document}, api.style);
  if (!pdf.ok()) return ErrorResponse(pdf.error());
  return PdfResponse(std::move(*pdf),
                     fmt::format("giay-chung-nhan-{}.pdf", Slug(learner->person_name)));
}

}  // namespace

Status RegisterFormApi(Router& router, FormService& forms, ClassService& classes,
                       const report::PageStyle& style) {
  return AddRoutes<FormApi>(
      router, FormApi{forms, classes, style},
      {{Method::kGet, "/api/v1/cases/{id}/documents", RouteAccess::Require("read_cases", "id"),
        List},
       {Method::kGet, "/api/v1/cases/{id}/documents/{form}",
        RouteAccess::Require("read_cases", "id"), Print},
       {Method::kGet, "/api/v1/classes/{id}/roster.pdf", RouteAccess::Require("read_cases", "id"),
        Roster},
       {Method::kGet, "/api/v1/classes/{id}/enrolments/{enrolment}/certificate.pdf",
        RouteAccess::Require("read_cases", "id"), Certificate}});
}

}  // namespace ptdv::http

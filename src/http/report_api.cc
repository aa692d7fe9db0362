#include "http/report_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "http/api_params.h"
#include "http/api_routes.h"
#include "http/case_query.h"
#include "http/content_disposition.h"
#include "http/error_mapping.h"
#include "report/admission_report_sheet.h"
#include "report/case_list_sheet.h"
#include "report/new_members_sheet.h"
#include "service/json_values.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// An export larger than this is refused: filter further (a nation-wide list is no table).
constexpr int kMaxExportRows = 100000;

struct ReportParams {
  OrgChoice org;
  Date from{}, to{}, as_of{};
};

// ?org= (default the caller's unit), ?from= (default 1/1 of this year), ?to= (default today),
// ?as_of= (default `to`).
Result<ReportParams> ParseReportParams(const Request& request, const Clock& clock) {
  PTDV_RETURN_IF_ERROR(CheckQueryKeys(request, {"org", "from", "to", "as_of"}));
  ReportParams p;
  const Date today = clock.Today();
  PTDV_ASSIGN_OR_RETURN(p.to, QueryDate(request, "to", today));
  PTDV_ASSIGN_OR_RETURN(p.from, QueryDate(request, "from", MakeDate(YearOf(p.to), 1, 1)));
  PTDV_ASSIGN_OR_RETURN(p.as_of, QueryDate(request, "as_of", p.to));
  p.org = OrgParam(request);
  return p;
}

json::value Number(std::optional<double> v, report::CellFormat format) {
  if (!v) return nullptr;
  if (format == report::CellFormat::kPercent) return *v;
  return static_cast<std::int64_t>(*v);
}

// One row as contracts.md lays it out: the flat figures, and education.* / occupation.* nested.
json::object RowObject(const AdmissionReportRow& row) {
  json::object out{{"org", OrgSummaryObject(row.org)}};
  json::object education, occupation;
  for (const report::ReportColumn& column : report::AdmissionReportColumns()) {
    json::value v = Number(column.value(row), column.format);
    std::string_view key = column.key;
    if (key.starts_with("education.")) {
      education[key.substr(10)] = std::move(v);
    } else if (key.starts_with("occupation.")) {
      occupation[key.substr(11)] = std::move(v);
    } else {
      out[key] = std::move(v);
    }
  }
  out["education"] = std::move(education);
  out["occupation"] = std::move(occupation);
  if (!row.folded.empty()) {
    json::array folded;
    for (const std::string& name : row.folded) folded.emplace_back(name);
    out["folded"] = std::move(folded);
  }
  return out;
}

json::object ReportObject(const AdmissionReport& report) {
  json::array rows, columns;
  for (const auto& row : report.rows) rows.push_back(RowObject(row));
  for (const report::ReportColumn& column : report::AdmissionReportColumns()) {
    json::object c{{"key", column.key}, {"label", column.label}};
    if (!column.group.empty()) c["group"] = column.group;
    columns.push_back(std::move(c));
  }
  return json::object{{"org", OrgSummaryObject(report.org)},
                      {"from", FormatIsoDate(report.from)},
                      {"to", FormatIsoDate(report.to)},
                      {"as_of", FormatIsoDate(report.as_of)},
                      {"rows", std::move(rows)},
                      {"columns", std::move(columns)}};
}

Response XlsxResponse(std::string bytes, const std::string& filename) {
  Response r;
  r.content_type = std::string(kXlsxType);
  r.body = std::move(bytes);
  r.headers.Set("Content-Disposition", ContentDisposition(Disposition::kAttachment, filename));
  r.headers.Set("Cache-Control", "no-store");  // personal data: never kept by a cache
  return r;
}

Result<AdmissionReport> RunReport(ReportService& reports, const Request& request,
                                  const Actor& actor, const Clock& clock) {
  PTDV_ASSIGN_OR_RETURN(ReportParams p, ParseReportParams(request, clock));
  return reports.Admissions(actor, p.org, p.from, p.to, p.as_of);
}

// The export's title: the unit and the filters, as the list shows them.
std::vector<std::string> ExportTitle(const Organisation& org, const CaseQuery& q) {
  std::vector<std::string> lines = {
      "DANH SÁCH HỒ SƠ PHÁT TRIỂN ĐẢNG VIÊN",
      fmt::format("Đơn vị: {} — tính đến ngày {}", org.name, FormatVnDate(q.on))};
  std::vector<std::string> filters;
  if (q.stage) filters.push_back(fmt::format("bước: {}", StageLabel(*q.stage)));
  if (q.category) filters.push_back(fmt::format("đối tượng: {}", SourceCategoryLabel(*q.category)));
  if (q.due == CaseDue::kOverdue) filters.emplace_back("quá hạn");
  if (q.due == CaseDue::kDueSoon) filters.emplace_back("sắp đến hạn");
  if (q.due == CaseDue::kBlocked) filters.emplace_back("chưa đủ điều kiện");
  if (q.open_only) filters.emplace_back("đang xử lý");
  if (!q.text.empty()) filters.push_back(fmt::format("tìm: «{}»", q.text));
  if (!filters.empty()) {
    std::string text = "Lọc theo: ";
    for (std::size_t i = 0; i < filters.size(); ++i) text += (i ? ", " : "") + filters[i];
    lines.push_back(std::move(text));
  }
  return lines;
}

// What the report routes work with; the referred objects outlive the router.
struct ReportApi {
  ReportService& reports;
  CaseService& cases;
  const Clock& clock;
};

Response AdmissionsJson(const ReportApi& api, const Request& request, RouteContext& context) {
  auto report = RunReport(api.reports, request, *context.actor, api.clock);
  if (!report.ok()) return ErrorResponse(report.error());
  return Response::Json(json::serialize(ReportObject(*report)));
}

Response AdmissionsXlsx(const ReportApi& api, const Request& request, RouteContext& context) {
  auto report = RunReport(api.reports, request, *context.actor, api.clock);
  if (!report.ok()) return ErrorResponse(report.error());
  auto bytes = report::WriteXlsx(report::AdmissionReportSheet(*report));
  if (!bytes.ok()) return ErrorResponse(bytes.error());
  return XlsxResponse(std::move(*bytes),
                      fmt::format("bao-cao-ket-nap-{}-{}-{}.xlsx", report->org.code,
                                  FormatIsoDate(report->from), FormatIsoDate(report->to)));
}

// The very filters and sort of GET /api/v1/cases; every row instead of one page.
Response CasesXlsx(const ReportApi& api, const Request& request, RouteContext& context) {
  auto query = ParseCaseQuery(request, api.clock);
  if (!query.ok()) return ErrorResponse(query.error());
  auto exported = api.cases.ExportCases(*context.actor, OrgParam(request), *query, kMaxExportRows);
  if (!exported.ok()) return ErrorResponse(exported.error());
  const CasePage& page = exported->page;
  const Organisation& org = exported->org;
  auto bytes = report::WriteXlsx(
      report::CaseListSheet(page.rows, page.disclosure, ExportTitle(org, *query)));
  if (!bytes.ok()) return ErrorResponse(bytes.error());
  return XlsxResponse(std::move(*bytes), fmt::format("danh-sach-ho-so-{}-{}.xlsx", org.code,
                                                     FormatIsoDate(query->on)));
}

// The members admitted or recognised in ?from= … ?to= (default this year) in ?org=, with the
// fields the national member database asks at entry.
Response NewMembersXlsx(const ReportApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"org", "from", "to"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  const Date today = api.clock.Today();
  auto to = QueryDate(request, "to", today);
  if (!to.ok()) return ErrorResponse(to.error());
  auto from = QueryDate(request, "from", MakeDate(YearOf(*to), 1, 1));
  if (!from.ok()) return ErrorResponse(from.error());
  auto members = api.reports.NewMembersIn(*context.actor, OrgParam(request), *from, *to);
  if (!members.ok()) return ErrorResponse(members.error());
  auto bytes = report::WriteXlsx(report::NewMembersSheet(*members));
  if (!bytes.ok()) return ErrorResponse(bytes.error());
  return XlsxResponse(std::move(*bytes),
                      fmt::format("dang-vien-moi-{}-{}-{}.xlsx", members->org.code,
                                  FormatIsoDate(*from), FormatIsoDate(*to)));
}

}  // namespace

Status RegisterReportApi(Router& router, Store& /*store*/, ReportService& reports,
                         CaseService& cases, const Clock& clock) {
  return AddRoutes<ReportApi>(
      router, ReportApi{reports, cases, clock},
      {{Method::kGet, "/api/v1/reports/admissions", RouteAccess::Require("read_aggregates"),
        AdmissionsJson},
       {Method::kGet, "/api/v1/reports/admissions.xlsx", RouteAccess::Require("read_aggregates"),
        AdmissionsXlsx},
       {Method::kGet, "/api/v1/cases/export.xlsx", RouteAccess::Require("read_cases"), CasesXlsx},
       {Method::kGet, "/api/v1/reports/new-members.xlsx", RouteAccess::Require("read_cases"),
        NewMembersXlsx}});
}

}  // namespace ptdv::http

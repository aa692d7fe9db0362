#include "http/import_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "http/api_params.h"
#include "http/api_routes.h"
#include "http/error_mapping.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;

json::object ReportObject(const ImportReport& r) {
  json::array errors;
  for (const ImportRowError& e : r.errors) {
    json::object error{{"row", e.row}, {"message", e.message}};
    if (!e.column.empty()) error["column"] = e.column;
    if (e.rule) error["rule"] = CodeOf(*e.rule);
    errors.push_back(std::move(error));
  }
  json::array columns;
  for (const ImportColumn& c : r.columns) {
    columns.push_back(json::object{
        {"header", c.header}, {"field", c.key}, {"label", c.label}, {"required", c.required}});
  }
  json::array ignored;
  for (const std::string& h : r.ignored_headers) ignored.emplace_back(h);
  json::array stages;
  for (const auto& [stage, count] : r.stages) {
    stages.push_back(
        json::object{{"stage", StageCode(stage)}, {"label", StageLabel(stage)}, {"count", count}});
  }
  return json::object{{"kind", ImportKindCode(r.kind)},
                      {"rows", r.rows},
                      {"new", r.fresh},
                      {"unchanged", r.unchanged},
                      {"created", r.created},
                      {"committed", r.committed},
                      {"errors", std::move(errors)},
                      {"columns", std::move(columns)},
                      {"ignored_headers", std::move(ignored)},
                      {"stages", std::move(stages)}};
}

Result<std::vector<std::string>> Texts(const json::value& value, const std::string& field) {
  if (!value.is_array())
    return Error::Invalid(fmt::format("«{}» phải là một danh sách", field), field);
  std::vector<std::string> texts;
  texts.reserve(value.get_array().size());
  std::size_t i = 0;
  for (const json::value& cell : value.get_array()) {
    if (!cell.is_string()) {
      return Error::Invalid(fmt::format("Ô {}[{}] phải là chữ", field, i),
                            fmt::format("{}[{}]", field, i));
    }
    texts.emplace_back(cell.get_string());
    ++i;
  }
  return texts;
}

struct ImportApi {
  ImportService& imports;
};

Response Import(const ImportApi& api, const Request& request, RouteContext& context) {
  if (auto known = CheckQueryKeys(request, {"commit"}); !known.ok()) {
    return ErrorResponse(known.error());
  }
  bool commit = false;
  if (auto value = request.Query("commit")) {
    if (*value == "true") {
      commit = true;
    } else if (*value != "false") {
      return ErrorResponse(Error::Invalid("commit phải là true hoặc false", "commit"));
    }
  }
  const auto type = request.Header("Content-Type").value_or("");
  if (!type.starts_with("application/json")) {
    return ErrorResponse(Error::Invalid("Nội dung gửi phải là JSON", "Content-Type"));
  }
  auto sheet = ParseImportSheet(request.body);
  if (!sheet.ok()) return ErrorResponse(sheet.error());
  auto report =
      commit ? api.imports.Load(*context.actor, *sheet) : api.imports.Check(*context.actor, *sheet);
  if (!report.ok()) return ErrorResponse(report.error());
  const int status = !commit ? 200 : report->committed ? 201 : 422;
  return Response::Json(json::serialize(ReportObject(*report)), status);
}

}  // namespace

Result<ImportSheet> ParseImportSheet(std::string_view body) {
  boost::system::error_code ec;
  json::value document = json::parse(body, ec);
  if (ec || !document.is_object()) {
    return Error::Invalid("Nội dung gửi không phải JSON hợp lệ");
  }
  const json::object& object = document.get_object();
  for (const auto& [key, value] : object) {
    if (key != "kind" && key != "file_name" && key != "headers" && key != "rows") {
      return Error::Invalid(fmt::format("Trường «{}» không được dùng ở đây", std::string_view(key)),
                            std::string(key));
    }
  }
  ImportSheet sheet;
  const json::value* kind = object.if_contains("kind");
  std::optional<ImportKind> parsed;
  if (kind != nullptr && kind->is_string()) parsed = ImportKindFromCode(kind->get_string());
  if (!parsed)
    return Error::Invalid("Cần chọn loại danh sách: sources, members hoặc cases", "kind");
  sheet.kind = *parsed;
  if (const json::value* name = object.if_contains("file_name")) {
    if (!name->is_string()) return Error::Invalid("Tên tệp phải là chữ", "file_name");
    sheet.file_name = std::string(name->get_string());
  }
  const json::value* headers = object.if_contains("headers");
  if (headers == nullptr) return Error::Invalid("Thiếu dòng tiêu đề", "headers");
  PTDV_ASSIGN_OR_RETURN(sheet.headers, Texts(*headers, "headers"));
  const json::value* rows = object.if_contains("rows");
  if (rows == nullptr || !rows->is_array()) return Error::Invalid("Thiếu các dòng dữ liệu", "rows");
  if (rows->get_array().size() > kMaxImportRows) {
    return Error::Invalid(fmt::format("Một lần nhập tối đa {} dòng: hãy chia tệp", kMaxImportRows),
                          "rows");
  }
  sheet.rows.reserve(rows->get_array().size());
  std::size_t i = 0;
  for (const json::value& row : rows->get_array()) {
    PTDV_ASSIGN_OR_RETURN(auto cells, Texts(row, fmt::format("rows[{}]", i)));
    sheet.rows.push_back(std::move(cells));
    ++i;
  }
  return sheet;
}

bool IsImportUpload(Method method, std::string_view path) {
  return method == Method::kPost && path == "/api/v1/imports";
}

Status RegisterImportApi(Router& router, ImportService& imports) {
  return AddRoutes<ImportApi>(
      router, ImportApi{imports},
      {{Method::kPost, "/api/v1/imports", RouteAccess::Require("write_people"), Import}});
}

}  // namespace ptdv::http

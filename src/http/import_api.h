#pragma once

// The route that checks and loads the lists offices keep in Excel (service/import_service.h):
//   POST /api/v1/imports?commit=false|true   write_people
//        {kind, file_name, headers: [..], rows: [[..], ..]} → ImportReport
//        200 checked, 201 loaded, 422 not loaded (the report lists the errors)
// The browser reads the XLSX file (exceljs) and sends its cells as text; `ptdv import` reads CSV.

#include <cstddef>
#include <string_view>

#include "http/router.h"
#include "service/import_service.h"

namespace ptdv::http {

// A list of 100,000 people as JSON text is some 20 MB.
inline constexpr std::size_t kMaxImportBodyBytes = std::size_t{48} << 20;
inline constexpr std::size_t kMaxImportRows = 200'000;

// Everything must outlive the router.
Status RegisterImportApi(Router& router, ImportService& imports);

// Whether a request is an import, whose body may be as large as kMaxImportBodyBytes
// (ServerOptions::upload_limit). `path` is the request's path, still percent-encoded.
bool IsImportUpload(Method method, std::string_view path);

// The sheet of an import request body; kInvalid naming the field at fault.
Result<ImportSheet> ParseImportSheet(std::string_view body);

}  // namespace ptdv::http

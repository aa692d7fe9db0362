// Reports: the §7 report and the case list exported as XLSX are read back (openpyxl
// from Debian's python3-openpyxl, scripts/install-deps.sh) and every cell compared with the JSON
// the API answers for the same parameters, over the demo of Thành ủy Huế 2023.

#include "http/report_api.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "demo/demo_data.h"
#include "http/access_log.h"
#include "http/auth_api.h"
#include "http/case_api.h"
#include "http/metrics.h"
#include "http/server.h"
#include "http/test_http_client.h"
#include "http/test_loopback.h"
#include "service/auth_service.h"
#include "service/case_service.h"
#include "service/password_hasher.h"
#include "service/report_service.h"

namespace ptdv::http {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr const char* kPassword = "Hue@2023demo-report";

// Prints the active sheet's non-empty cells and page setup as JSON.
constexpr const char* kDumpScript = R"(import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
cells = []
for row in ws.iter_rows():
    for c in row:
        if c.value is not None:
            cells.append([c.row, c.column, c.value])
print(json.dumps({"title": ws.title, "cells": cells,
                  "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                  "orientation": ws.page_setup.orientation,
                  "paper": int(ws.page_setup.paperSize or 0),
                  "fit_to_page": bool(ws.sheet_properties.pageSetUpPr is not None
                                      and ws.sheet_properties.pageSetUpPr.fitToPage),
                  # OOXML defaults: fitToWidth 1, fitToHeight 1 when the attribute is absent.
                  "fit_width": int(1 if ws.page_setup.fitToWidth is None else ws.page_setup.fitToWidth),
                  "fit_height": int(1 if ws.page_setup.fitToHeight is None else ws.page_setup.fitToHeight),
                  "title_rows": ws.print_title_rows or ""}, ensure_ascii=False, default=str))
)";

// The cells of an XLSX file: (row, column) from 1 → value (string, int64 or double).
struct Workbook {
  std::map<std::pair<int, int>, json::value> cells;
  json::object info;

  const json::value* At(int row, int column) const {
    auto it = cells.find({row, column});
    return it == cells.end() ? nullptr : &it->second;
  }
  std::string Text(int row, int column) const {
    const json::value* v = At(row, column);
    return v && v->is_string() ? std::string(v->as_string()) : "";
  }
  std::optional<double> Number(int row, int column) const {
    const json::value* v = At(row, column);
    if (!v) return std::nullopt;
    if (v->is_int64()) return static_cast<double>(v->as_int64());
    if (v->is_double()) return v->as_double();
    return std::nullopt;
  }
};

class ReportApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir("ptdv-report-api");
    store_ = test::MigratedStore(*dir_, "demo.db").release();
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(LoadDemo(*store_, {}, calendar_, DefaultRuleSets()).ok());
    clock_ = new FixedClock(DefaultDemoDay());
    hasher_ = new PasswordHasher(PasswordHashParameters::Minimum(), 1);
    auth_ = new AuthService(*store_, *clock_, *hasher_);
    auto tx = store_->Begin(Access::kReadOnly);
    const Id hue = (*tx)->Organisations().GetByCode("HUE")->id;
    const Id tay_loc = (*tx)->Organisations().GetByCode("HUE-TAYLOC")->id;
    tx->reset();
    struct U {
      const char* login;
      const char* full_name;
      Role role;
      Id org;
    };
    for (const U& u : {U{"bantochuc", "Ban Tổ chức", Role::kOrganisationBoard, hue},
                       U{"taylocdu", "Chuyên viên Tây Lộc", Role::kGrassrootsStaff, tay_loc}}) {
      ASSERT_TRUE(auth_
                      ->CreateUser({}, {.login = u.login,
                                        .full_name = u.full_name,
                                        .role = u.role,
                                        .org_id = u.org,
                                        .password = kPassword})
                      .ok())
          << u.login;
    }
    cases_ = new CaseService(*store_, calendar_, DefaultRuleSets(), *clock_);
    reports_ = new ReportService(*store_);
    router_ = new Router;
    ASSERT_TRUE(RegisterAuthApi(*router_, *auth_).ok());
    ASSERT_TRUE(RegisterCaseApi(*router_, *cases_, *clock_).ok());
    ASSERT_TRUE(RegisterReportApi(*router_, *store_, *reports_, *cases_, *clock_).ok());
    server_ = new Server(test::LoopbackOptions(), *router_, metrics_, access_log_);
    ASSERT_TRUE(server_->Start().ok());
    runner_ = std::thread([] { server_->Run(); });
  }

  static void TearDownTestSuite() {
    if (server_) server_->Stop();
    if (runner_.joinable()) runner_.join();
    delete server_;
    delete router_;
    delete reports_;
    delete cases_;
    delete auth_;
    delete hasher_;
    delete clock_;
    delete store_;
    delete dir_;
  }

  // GET as `login`; the cookie of one login per user is kept.
  static test::ClientResponse Get(const std::string& login, const std::string& target) {
    static std::map<std::string, std::string> cookies;
    if (!cookies.contains(login)) {
      test::TestHttpClient client(server_->port());
      auto r = client.Request("POST", "/api/v1/auth/login",
                              fmt::format(R"({{"login":"{}","password":"{}"}})", login, kPassword),
                              {{"Content-Type", "application/json"}});
      EXPECT_TRUE(r && r->status == 200);
      std::string set_cookie(r->headers.Get("Set-Cookie").value_or(""));
      cookies[login] = set_cookie.substr(0, set_cookie.find(';'));
    }
    test::TestHttpClient client(server_->port());
    auto r = client.Request("GET", target, {}, {{"Cookie", cookies[login]}},
                            test::TestHttpClient::Milliseconds(30000));
    EXPECT_TRUE(r.has_value()) << target;
    return r.value_or(test::ClientResponse{});
  }

  // Reads an XLSX file back with openpyxl.
  static Workbook ReadBack(const std::string& bytes) {
    const fs::path file = dir_->path() / "read.xlsx", script = dir_->path() / "dump.py",
                   out = dir_->path() / "dump.json";
    std::ofstream(file, std::ios::binary) << bytes;
    std::ofstream(script) << kDumpScript;
    // Debian's interpreter, where python3-openpyxl installs (not a pyenv shim).
    const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const std::string command =
        fmt::format("{} {} {} > {} 2>&1", python, script.string(), file.string(), out.string());
    int status = std::system(command.c_str());
    std::ifstream in(out);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(status, 0) << "reading the XLSX back failed (scripts/install-deps.sh installs "
                            "python3-openpyxl): "
                         << text;
    Workbook wb;
    boost::system::error_code ec;
    json::value doc = json::parse(text, ec);
    if (ec) return wb;
    wb.info = doc.as_object();
    for (const auto& cell : doc.at("cells").as_array()) {
      const auto& c = cell.as_array();
      wb.cells[{static_cast<int>(c[0].as_int64()), static_cast<int>(c[1].as_int64())}] = c[2];
    }
    return wb;
  }

  static inline test::TempDir* dir_ = nullptr;
  static inline Store* store_ = nullptr;
  static inline WorkingCalendar calendar_{std::vector<CalendarYear>{}};
  static inline FixedClock* clock_ = nullptr;
  static inline PasswordHasher* hasher_ = nullptr;
  static inline AuthService* auth_ = nullptr;
  static inline CaseService* cases_ = nullptr;
  static inline ReportService* reports_ = nullptr;
  static inline Router* router_ = nullptr;
  static inline Metrics metrics_;
  static inline AccessLog access_log_{[](std::string_view) {}};
  static inline Server* server_ = nullptr;
  static inline std::thread runner_;
};

// The value of a column `key` ("admitted", "education.college") in a JSON row.
const json::value& Field(const json::object& row, const std::string& key) {
  if (auto dot = key.find('.'); dot != std::string::npos) {
    return row.at(key.substr(0, dot)).as_object().at(key.substr(dot + 1));
  }
  return row.at(key);
}

TEST_F(ReportApiTest, TheXlsxReportHoldsTheJsonReportsFiguresUnderItsHeaders) {
  const std::string params = "org=HUE&from=2023-01-01&to=2023-11-15&as_of=2023-11-15";
  auto r = Get("bantochuc", "/api/v1/reports/admissions?" + params);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object report = json::parse(r.body).as_object();
  const json::array& rows = report.at("rows").as_array();
  const json::array& columns = report.at("columns").as_array();
  ASSERT_GT(rows.size(), 30u) << "Huế's 36 wards and communes and its other units";
  EXPECT_EQ(rows[0].at("org").at("code").as_string(), "HUE");
  EXPECT_GT(rows[0].at("admitted").as_int64(), 10);
  EXPECT_EQ(columns[0].at("label").as_string(), "Tổng số kết nạp");

  auto x = Get("bantochuc", "/api/v1/reports/admissions.xlsx?" + params);
  ASSERT_EQ(x.status, 200) << x.body.substr(0, 300);
  EXPECT_EQ(x.headers.Get("Content-Type").value_or(""),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(x.headers.Get("Content-Disposition").value_or("").find("attachment; filename="),
            std::string::npos);
  Workbook wb = ReadBack(x.body);
  ASSERT_FALSE(wb.cells.empty());

  // Title, unit, period; A4 landscape, one page wide, the header repeated on each page.
  EXPECT_EQ(wb.Text(1, 1), "BÁO CÁO KẾT QUẢ KẾT NẠP ĐẢNG VIÊN");
  EXPECT_EQ(wb.Text(2, 1), "Đơn vị: Thành ủy Huế");
  EXPECT_NE(wb.Text(3, 1).find("từ ngày 01/01/2023 đến ngày 15/11/2023"), std::string::npos);
  EXPECT_EQ(wb.info.at("orientation").as_string(), "landscape");
  EXPECT_EQ(wb.info.at("paper").as_int64(), 9);
  EXPECT_TRUE(wb.info.at("fit_to_page").as_bool());
  EXPECT_EQ(wb.info.at("fit_width").as_int64(), 1);   // one page wide
  EXPECT_EQ(wb.info.at("fit_height").as_int64(), 0);  // as many pages long as needed
  std::string title_rows(wb.info.at("title_rows").as_string());
  std::erase(title_rows, '$');
  EXPECT_EQ(title_rows, "5:6");

  // Header: rows 5-6; STT and Đơn vị, then the JSON's columns in order, groups merged above.
  const int first_column = 3;
  EXPECT_EQ(wb.Text(5, 1), "STT");
  EXPECT_EQ(wb.Text(5, 2), "Đơn vị");
  std::set<std::string> merged;
  for (const auto& m : wb.info.at("merged").as_array()) merged.insert(std::string(m.as_string()));
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const json::object& column = columns[k].as_object();
    const int col = first_column + static_cast<int>(k);
    SCOPED_TRACE(std::string(column.at("key").as_string()));
    if (column.contains("group")) {
      EXPECT_EQ(wb.Text(6, col), column.at("label").as_string());
    } else {
      EXPECT_EQ(wb.Text(5, col), column.at("label").as_string());
    }
  }
  EXPECT_TRUE(merged.contains("A5:A6"));
  EXPECT_EQ(wb.Text(5, first_column + 1), "Tổ chức cơ sở đảng");  // a merged group header

  // Body: one row per child unit in the JSON's order, then the total (rows[0]).
  auto compare_row = [&](int sheet_row, const json::object& row) {
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const std::string key(columns[k].at("key").as_string());
      SCOPED_TRACE(fmt::format("{} row {} {}", std::string(row.at("org").at("code").as_string()),
                               sheet_row, key));
      const json::value& expected = Field(row, key);
      auto cell = wb.Number(sheet_row, first_column + static_cast<int>(k));
      if (expected.is_null()) {
        EXPECT_FALSE(cell);
      } else {
        ASSERT_TRUE(cell);
        EXPECT_DOUBLE_EQ(*cell, expected.to_number<double>());
      }
    }
  };
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const int sheet_row = 6 + static_cast<int>(i);
    EXPECT_EQ(wb.Number(sheet_row, 1), static_cast<double>(i));
    EXPECT_EQ(wb.Text(sheet_row, 2), rows[i].at("org").at("name").as_string());
    compare_row(sheet_row, rows[i].as_object());
  }
  const int total_row = 6 + static_cast<int>(rows.size());
  EXPECT_EQ(wb.Text(total_row, 2), "Tổng cộng");
  compare_row(total_row, rows[0].as_object());
}

TEST_F(ReportApiTest, ReportsRefuseBadParametersAndOtherUnitsWithJsonErrors) {
  struct Row {
    std::string target;
    int status;
    std::string field;
  };
  for (const Row& row :
       {Row{"/api/v1/reports/admissions?org=HUE&from=2023-02-30", 400, "from"},
        Row{"/api/v1/reports/admissions?org=HUE&from=2023-06-01&to=2023-05-01", 400, "from"},
        Row{"/api/v1/reports/admissions?org=HUE&from=2022-06-01&to=2023-05-01", 400, "to"},
        Row{"/api/v1/reports/admissions?org=HUE&year=2023", 400, "year"},
        Row{"/api/v1/reports/admissions.xlsx?org=HUE-KHONG-CO", 404, ""},
        Row{"/api/v1/cases/export.xlsx?org=HUE&stage=unknown", 400, "stage"}}) {
    SCOPED_TRACE(row.target);
    auto r = Get("bantochuc", row.target);
    EXPECT_EQ(r.status, row.status) << r.body;
    EXPECT_EQ(r.headers.Get("Content-Type").value_or(""), "application/json");
    if (!row.field.empty()) {
      EXPECT_EQ(json::parse(r.body).at("error").at("field").as_string(), row.field);
    }
  }
  // A ward's staff: their own ward's report, not the city's.
  EXPECT_EQ(Get("taylocdu", "/api/v1/reports/admissions?org=HUE").status, 404);
  EXPECT_EQ(Get("taylocdu", "/api/v1/reports/admissions.xlsx?org=HUE-VYDA").status, 404);
  EXPECT_EQ(Get("taylocdu", "/api/v1/cases/export.xlsx?org=HUE-VYDA").status, 404);
  auto own = Get("taylocdu", "/api/v1/reports/admissions?from=2023-01-01&to=2023-11-15");
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(json::parse(own.body).at("org").at("code").as_string(), "HUE-TAYLOC");
}

// The export holds exactly the rows GET /api/v1/cases lists for the same filters and sort, over
// all its pages, in the same order and with the columns shown on screen.
TEST_F(ReportApiTest, TheCaseExportHoldsTheWholeFilteredListInTheListsOrder) {
  for (const std::string filters :
       {"org=HUE&sort=person_name", "org=HUE&due=overdue&sort=next_deadline",
        "org=HUE-TAYLOC&open=true&sort=opened_on&order=desc", "org=HUE&q=nguyen&sort=stage",
        "org=HUE&category=teacher"}) {
    SCOPED_TRACE(filters);
    std::vector<json::object> listed;
    int total = 0;
    for (int page = 1;; ++page) {
      auto r =
          Get("bantochuc", fmt::format("/api/v1/cases?{}&page={}&page_size=100", filters, page));
      ASSERT_EQ(r.status, 200) << r.body;
      json::object body = json::parse(r.body).as_object();
      total = static_cast<int>(body.at("total").as_int64());
      for (const auto& item : body.at("items").as_array()) listed.push_back(item.as_object());
      if (body.at("items").as_array().empty() || static_cast<int>(listed.size()) >= total) break;
    }
    ASSERT_EQ(static_cast<int>(listed.size()), total);
    ASSERT_GT(total, 0);
    // page and page_size, as the list's URL carries them, do not cut the export.
    auto x =
        Get("bantochuc", fmt::format("/api/v1/cases/export.xlsx?{}&page=2&page_size=5", filters));
    ASSERT_EQ(x.status, 200) << x.body.substr(0, 300);
    Workbook wb = ReadBack(x.body);
    EXPECT_EQ(wb.Text(1, 1), "DANH SÁCH HỒ SƠ PHÁT TRIỂN ĐẢNG VIÊN");
    int header = 1;
    while (header < 10 && wb.Text(header, 1) != "STT") ++header;
    ASSERT_LT(header, 10) << "no header row";
    for (auto [col, label] : std::map<int, std::string>{{2, "Họ và tên"},
                                                        {3, "Ngày sinh"},
                                                        {4, "Chi bộ"},
                                                        {5, "Đối tượng"},
                                                        {6, "Bước hiện tại"},
                                                        {7, "Mở hồ sơ"},
                                                        {8, "Hạn tiếp theo"},
                                                        {9, "Đang vướng"}}) {
      EXPECT_EQ(wb.Text(header, col), label);
    }
    for (int i = 0; i < total; ++i) {
      const json::object& item = listed[i];
      const int row = header + 1 + i;
      SCOPED_TRACE(fmt::format("row {}", i + 1));
      EXPECT_EQ(wb.Number(row, 1), i + 1.0);
      EXPECT_EQ(wb.Text(row, 2), item.at("person_name").as_string());
      const std::string birth(item.at("birth_date").as_string());  // yyyy-mm-dd → dd/mm/yyyy
      EXPECT_EQ(wb.Text(row, 3),
                birth.substr(8, 2) + "/" + birth.substr(5, 2) + "/" + birth.substr(0, 4));
      EXPECT_EQ(wb.Text(row, 4), item.at("cell_name").as_string());
      EXPECT_EQ(wb.Text(row, 5), item.at("category_label").as_string());
      EXPECT_EQ(wb.Text(row, 6), item.at("stage_label").as_string());
      if (!item.at("deadline").is_null()) {
        EXPECT_NE(wb.Text(row, 8).find(std::string(item.at("deadline").at("text").as_string())),
                  std::string::npos);
      }
    }
    EXPECT_EQ(wb.At(header + 1 + total, 2), nullptr) << "no row beyond the list";
  }
}

// Personal fields stay out of the export: the list shows none, and the sheet holds none.
TEST_F(ReportApiTest, TheCaseExportHoldsNoSensitiveField) {
  auto x = Get("bantochuc", "/api/v1/cases/export.xlsx?org=HUE-TAYLOC");
  ASSERT_EQ(x.status, 200);
  Workbook wb = ReadBack(x.body);
  auto tx = store_->Begin(Access::kReadOnly);
  CaseFilter filter;
  filter.cell_ids = *(*tx)->Organisations().SubtreeIds(
      (*tx)->Organisations().GetByCode("HUE-TAYLOC")->id, DefaultDemoDay());
  filter.limit = 1000;
  auto cases = (*tx)->Cases().List(filter);
  ASSERT_TRUE(cases.ok());
  int checked = 0;
  for (const Case& c : *cases) {
    Person p = *(*tx)->People().Get(c.person_id);
    for (const auto& [at, value] : wb.cells) {
      if (!value.is_string()) continue;
      std::string_view text = value.as_string();
      if (!p.id_number.empty()) {
        EXPECT_EQ(text.find(p.id_number), std::string_view::npos);
      }
      if (!p.phone.empty()) {
        EXPECT_EQ(text.find(p.phone), std::string_view::npos);
      }
      if (!p.address.empty()) {
        EXPECT_EQ(text.find(p.address), std::string_view::npos);
      }
    }
    checked += !p.id_number.empty() || !p.phone.empty();
  }
  EXPECT_GT(checked, 0) << "the demo's people carry sensitive fields to look for";
}

// The hand-off list: every member of the ward admitted or recognised in the period, with the
// particulars the national member database asks (the ID number among them), once each.
TEST_F(ReportApiTest, TheNewMembersListHoldsEveryAdmissionOfThePeriodWithTheirParticulars) {
  const Date from = MakeDate(YearOf(DefaultDemoDay()), 1, 1);
  auto x = Get("taylocdu", fmt::format("/api/v1/reports/new-members.xlsx?org=HUE-TAYLOC&from={}",
                                       FormatIsoDate(from)));
  ASSERT_EQ(x.status, 200) << x.body;
  Workbook wb = ReadBack(x.body);
  auto tx = store_->Begin(Access::kReadOnly);
  CaseFilter filter;
  filter.cell_ids = *(*tx)->Organisations().SubtreeIds(
      (*tx)->Organisations().GetByCode("HUE-TAYLOC")->id, DefaultDemoDay());
  filter.limit = 100000;
  auto cases = (*tx)->Cases().List(filter);
  ASSERT_TRUE(cases.ok());
  std::vector<Person> expected;
  auto within = [&](const std::optional<Date>& d) {
    return d && from <= *d && *d <= DefaultDemoDay();
  };
  for (const Case& c : *cases) {
    if ((within(c.decision_date) && c.stage != Stage::kCancelled) ||
        (within(c.official_date) && c.stage == Stage::kOfficial)) {
      expected.push_back(*(*tx)->People().Get(c.person_id));
    }
  }
  ASSERT_GT(expected.size(), 0u) << "the demo admits members in Tây Lộc this year";
  std::map<std::string, int> names;  // column 2 of the data rows
  int rows = 0;
  for (const auto& [at, value] : wb.cells) {
    if (at.second == 2 && value.is_string() && wb.Number(at.first, 1)) {
      ++names[std::string(value.as_string())];
      ++rows;
    }
  }
  EXPECT_EQ(rows, static_cast<int>(expected.size()));
  for (const Person& p : expected) {
    EXPECT_GE(names[p.full_name], 1) << p.full_name;
    bool id_found = false;
    for (const auto& [at, value] : wb.cells) {
      id_found = id_found || (value.is_string() && value.as_string() == p.id_number);
    }
    EXPECT_TRUE(p.id_number.empty() || id_found) << p.full_name;
  }
  auto backwards =
      Get("taylocdu", "/api/v1/reports/new-members.xlsx?from=2024-01-01&to=2023-01-01");
  EXPECT_EQ(backwards.status, 400);
}

}  // namespace
}  // namespace ptdv::http

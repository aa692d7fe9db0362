// `ptdv import`: checks, or loads with --commit, a list kept in a CSV file (domain/import_sheet.h,
// service/import_service.h). The web page reads XLSX files; here an XLSX list is saved as
// «CSV UTF-8» first.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iterator>
#include <memory>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "app/csv_sheet.h"
#include "domain/rule_code.h"
#include "service/import_service.h"

namespace ptdv {

void AddImportCommand(CLI::App& app, CliContext& ctx) {
  struct Options {
    std::string kind, file;
    bool commit = false;
  };
  auto o = std::make_shared<Options>();
  auto* import = app.add_subcommand(
      "import",
      "Kiểm tra (hoặc nhập, với --commit) danh sách từ tệp CSV: nguồn, đảng viên hoặc hồ sơ "
      "đang làm");
  import
      ->add_option("--kind", o->kind,
                   "sources (quần chúng ưu tú), members (đảng viên) hoặc cases (hồ sơ đang làm dở)")
      ->required();
  import->add_option("--file", o->file, "Tệp CSV (UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy)")
      ->required();
  import->add_flag("--commit", o->commit, "Nhập khi không có dòng lỗi (mặc định chỉ kiểm tra)");
  import->callback(ctx.Run([&ctx, o](Environment& env) {
    std::optional<ImportKind> kind = ImportKindFromCode(o->kind);
  if (!kind) {
    return ctx.Fail(Error::Invalid("--kind phải là sources, members hoặc cases", "--kind"));
  }
  std::ifstream in(o->file, std::ios::binary);
  if (!in) return ctx.Fail(Error::NotFound("Không mở được tệp " + o->file));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto csv = ReadCsvSheet(text);
  if (!csv.ok()) return ctx.Fail(csv.error());
  ImportSheet sheet{.kind = *kind,
                    .file_name = o->file,
                    .headers = std::move(csv->headers),
                    .rows = std::move(csv->rows)};
  ImportService imports(*env.store, env.cases->rule_sets(), env.cases->calendars(), *env.clock);
  auto report = o->commit ? imports.Load(Actor{}, sheet) : imports.Check(Actor{}, sheet);
  if (!report.ok()) return ctx.Fail(report.error());
  for (const ImportRowError& e : report->errors) {
    ctx.out << fmt::format("Dòng {}, cột «{}»: {}{}\n", e.row, e.column, e.message,
                           e.rule ? fmt::format(" ({})", CodeOf(*e.rule)) : "");
  }
  ctx.out << fmt::format("Đọc {} dòng: {} dòng mới, {} dòng đã có, {} dòng lỗi.\n", report->rows,
                         report->fresh, report->unchanged, report->errors.size());
  if (!report->errors.empty()) {
    ctx.err << "Chưa nhập dòng nào: sửa các dòng lỗi trong tệp rồi chạy lại.\n";
    return ExitCode(ErrorCode::kRuleViolation);
  }
  for (const auto& [stage, count] : report->stages) {
    ctx.out << fmt::format("  {}: {} hồ sơ\n", StageLabel(stage), count);
  }
  if (o->commit) {
    ctx.out << fmt::format("Đã nhập {} dòng.\n", report->created);
  } else {
    ctx.out << "Tệp hợp lệ. Chạy lại với --commit để nhập.\n";
  }
  return 0;
}));
}  // namespace ptdv

}  // namespace ptdv

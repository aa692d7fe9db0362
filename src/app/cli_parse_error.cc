#include "app/cli_parse_error.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <string_view>

namespace ptdv {
namespace {

// What follows `marker` in `text`, or empty.
std::string After(std::string_view text, std::string_view marker) {
  auto at = text.find(marker);
  return at == std::string_view::npos ? std::string()
                                      : std::string(text.substr(at + marker.size()));
}

// What precedes `marker` in `text`, or empty.
std::string Before(std::string_view text, std::string_view marker) {
  auto at = text.find(marker);
  return at == std::string_view::npos ? std::string() : std::string(text.substr(0, at));
}

std::string Required(std::string_view message) {
  std::string name = Before(message, " is required");
  if (name == "A subcommand" || message.starts_with("Requires at least")) {
    return "Cần chỉ rõ một lệnh con";
  }
  if (name.empty()) return "Thiếu tùy chọn bắt buộc";
  return fmt::format("Thiếu {} (bắt buộc)", name);
}

std::string Conversion(std::string_view message) {
  if (std::string detail = After(message, "Could not convert: "); !detail.empty()) {
    return fmt::format("{} «{}» không hợp lệ", Before(detail, " = "), After(detail, " = "));
  }
  if (std::string name = Before(message, ": too many inputs for a flag"); !name.empty()) {
    return fmt::format("{} là một cờ, không nhận giá trị", name);
  }
  if (std::string name = Before(message, ": Should be true/false"); !name.empty()) {
    return fmt::format("{} chỉ nhận true hoặc false", name);
  }
  return "Giá trị không hợp lệ";
}

std::string Mismatch(std::string_view message) {
  if (std::string name = Before(message, ": ");
      !name.empty() && name.find(' ') == std::string::npos) {
    return fmt::format("{} cần một giá trị", name);
  }
  if (std::string name = After(message, " arguments to "); !name.empty()) {
    return fmt::format("Số giá trị của {} không đúng", Before(name + ",", ","));
  }
  return "Số giá trị của một tùy chọn không đúng";
}

}  // namespace

std::string DescribeParseError(const CLI::ParseError& error) {
  // By type: CLI11 names some errors after the subcommand that raised them (get_name()).
  auto is = [&error]<typename Kind>(Kind*) { return dynamic_cast<const Kind*>(&error) != nullptr; };
  std::string_view message = error.what();
  if (is(static_cast<CLI::RequiredError*>(nullptr))) return Required(message);
  if (is(static_cast<CLI::ExtrasError*>(nullptr))) {
    return fmt::format("Không nhận ra tham số: {}", After(message, "not expected: "));
  }
  if (is(static_cast<CLI::ArgumentMismatch*>(nullptr))) return Mismatch(message);
  if (is(static_cast<CLI::ConversionError*>(nullptr))) return Conversion(message);
  if (is(static_cast<CLI::ExcludesError*>(nullptr))) {
    return fmt::format("Không dùng {} cùng với {}", Before(message, " excludes "),
                       After(message, " excludes "));
  }
  if (is(static_cast<CLI::RequiresError*>(nullptr))) {
    return fmt::format("{} cần có {} đi kèm", Before(message, " requires "),
                       After(message, " requires "));
  }
  if (is(static_cast<CLI::FileError*>(nullptr))) {
    return fmt::format("Không đọc được tệp «{}»", Before(message, " was not readable"));
  }
  if (is(static_cast<CLI::ConfigError*>(nullptr))) {
    if (std::string item = After(message, "not able to parse "); !item.empty()) {
      return fmt::format("Tệp cấu hình có mục không nhận ra: {}", item);
    }
    return fmt::format("Tệp cấu hình không dùng được: {}", Before(std::string(message) + ":", ":"));
  }
  if (is(static_cast<CLI::ValidationError*>(nullptr))) {
    return fmt::format("Giá trị của {} không hợp lệ", Before(std::string(message) + ":", ":"));
  }
  return "Tham số dòng lệnh không hợp lệ";
}

std::string UsageOf(const CLI::App& app) {
  std::string path = app.get_name();
  for (const CLI::App* parent = app.get_parent(); parent != nullptr;
       parent = parent->get_parent()) {
    path = parent->get_name() + " " + path;
  }
  const auto formatter = std::dynamic_pointer_cast<CLI::Formatter>(app.get_formatter());
  std::string usage = formatter ? formatter->make_usage(&app, path) : path + "\n";
  return fmt::format("{}Xem thêm: {} --help\n", usage, path);
}

void UseVietnameseHelp(CLI::App& app) {
  const std::shared_ptr<CLI::FormatterBase> formatter = app.get_formatter();
  formatter->label("Usage", "Cách dùng");
  formatter->label("OPTIONS", "TÙY CHỌN");
  formatter->label("SUBCOMMAND", "LỆNH");
  formatter->label("SUBCOMMANDS", "LỆNH");
  formatter->label("Options", "Tùy chọn");
  formatter->label("Positionals", "Tham số");
  formatter->label("Subcommands", "Lệnh");
  formatter->label("REQUIRED", "BẮT BUỘC");
  formatter->label("Needs", "Cần");
  formatter->label("Excludes", "Loại trừ");
  formatter->label("Env", "Biến môi trường");
  app.set_help_flag("-h,--help", "In hướng dẫn này rồi thoát");
}

}  // namespace ptdv

#pragma once

// The command line's own errors (an unknown option, a missing value, ...) in Vietnamese. CLI11
// words them in English; each kind is reworded here, naming the option it names.

#include <string>

namespace CLI {
class App;
class ParseError;
}  // namespace CLI

namespace ptdv {

// `error` (not a request for help) in Vietnamese, without the "Lỗi: " prefix.
std::string DescribeParseError(const CLI::ParseError& error);

// The usage line of the command `app` ("Cách dùng: ptdv case show [TÙY CHỌN] id"), newline
// included, and where its help is.
std::string UsageOf(const CLI::App& app);

// Words the help of `app` (and of the subcommands added to it later) in Vietnamese.
void UseVietnameseHelp(CLI::App& app);

}  // namespace ptdv

#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace ptdv {

// The `ptdv` command line. Returns the process exit status: 0 on success, 2 for invalid input
// (an argument the command line cannot read included: the error in Vietnamese with the usage
// line of the command), 3 not found, 4 a rule refused it, 5 conflict, 6 forbidden, 7 storage
// unavailable, 8 an audit chain or a database copy that does not verify.
int RunCli(int argc, char** argv);
// The same writing to `out` and `err` instead of standard output and error.
int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// Every command of `ptdv` that runs something ("migrate", "case show", ...), in help order.
std::vector<std::string> CliCommands();

}  // namespace ptdv

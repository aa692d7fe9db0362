#pragma once

namespace ptdv {

// The `ptdv` command line. Returns the process exit status: 0 on success, 2 for invalid input,
// 3 not found, 4 a rule refused it, 5 conflict, 6 forbidden, 7 storage unavailable.
int RunCli(int argc, char** argv);

}  // namespace ptdv

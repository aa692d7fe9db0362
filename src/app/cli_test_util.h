#pragma once

// For tests: runs the `ptdv` command line in this process (app/cli.h RunCli) and captures what it
// writes.

#include <sstream>
#include <string>
#include <vector>

#include "app/cli.h"

namespace ptdv::test {

struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

// `ptdv --db <db> <args...>`.
inline CliRun RunPtdv(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> all = {"ptdv", "--db", db};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const std::string& arg : all) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  CliRun run;
  run.status = RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

}  // namespace ptdv::test

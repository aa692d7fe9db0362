#pragma once

// The one assertion of the fuzz targets: a failed property prints what broke and aborts, which
// libFuzzer reports as a crash and saves the input (fuzz/README.md).

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace ptdv::fuzz {

inline void Check(bool holds, std::string_view what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property failed: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

}  // namespace ptdv::fuzz

#pragma once

// Test-only: the shipped official schedules (data/calendar/vn-civil-service.csv), read from the
// source tree, for the calendar tests.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ptdv::test {

// The text of the shipped schedules; a test failure (and "") when the file cannot be read.
inline std::string ShippedCalendarText() {
#ifdef PTDV_DATA_DIR
  std::filesystem::path path = std::filesystem::path(PTDV_DATA_DIR) / "calendar";
#else
  std::filesystem::path path =
      std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "data" /
      "calendar";
#endif
  std::ifstream in(path / "vn-civil-service.csv", std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << (path / "vn-civil-service.csv");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace ptdv::test

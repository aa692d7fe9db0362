#include "app/cli_number.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace ptdv {
namespace {

TEST(ParseNumber, ReadsTheWholeTextInDecimalWithinTheType) {
  struct {
    std::string_view text;
    std::optional<int> expected;
  } cases[] = {
      {.text = "0", .expected = 0},
      {.text = "42", .expected = 42},
      {.text = "-7", .expected = -7},
      {.text = "2147483647", .expected = 2147483647},
      {.text = "2147483648", .expected = std::nullopt},
      {.text = "", .expected = std::nullopt},
      {.text = "12abc", .expected = std::nullopt},
      {.text = " 1", .expected = std::nullopt},
      {.text = "1 ", .expected = std::nullopt},
      {.text = "+1", .expected = std::nullopt},
      {.text = "0x10", .expected = std::nullopt},
      {.text = "1e3", .expected = std::nullopt},
      {.text = "1_000", .expected = std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseNumber<int>(c.text), c.expected) << c.text;
}

TEST(ParseNumber, UnsignedRefusesASignAndFloatingRefusesWhatIsNotFinite) {
  EXPECT_EQ(ParseNumber<std::uint64_t>("-1"), std::nullopt);
  EXPECT_EQ(ParseNumber<std::uint64_t>("18446744073709551615"), UINT64_MAX);
  EXPECT_EQ(ParseNumber<double>("0.5"), 0.5);
  EXPECT_EQ(ParseNumber<double>("1e3"), 1000.0);
  EXPECT_EQ(ParseNumber<double>("nan"), std::nullopt);
  EXPECT_EQ(ParseNumber<double>("inf"), std::nullopt);
  EXPECT_EQ(ParseNumber<double>("1e400"), std::nullopt);
}

TEST(ParseId, IsAWholeNumberAboveZero) {
  EXPECT_EQ(ParseId("1"), 1);
  EXPECT_EQ(ParseId("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(ParseId("9223372036854775808"), std::nullopt);
  EXPECT_EQ(ParseId("99999999999999999999999"), std::nullopt);
  EXPECT_EQ(ParseId("0"), std::nullopt);
  EXPECT_EQ(ParseId("-5"), std::nullopt);
  EXPECT_EQ(ParseId("HUE-TAYLOC"), std::nullopt);
}

TEST(ParseNumberOption, NamesTheOptionAndTheRangeInItsError) {
  auto ok = ParseNumberOption<int>("--threads", "8", 0, 256);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 8);
  auto out_of_range = ParseNumberOption<int>("--threads", "999", 0, 256);
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_EQ(out_of_range.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(out_of_range.error().message,
            "--threads «999» không hợp lệ: cần một số nguyên từ 0 đến 256");
  EXPECT_EQ(out_of_range.error().field, "threads");
  auto bad_id = ParseIdOption("--person", "12abc");
  ASSERT_FALSE(bad_id.ok());
  EXPECT_EQ(bad_id.error().message, "--person «12abc» không hợp lệ: cần một mã số nguyên dương");
}

}  // namespace
}  // namespace ptdv

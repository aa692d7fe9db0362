#include "domain/text.h"

#include <gtest/gtest.h>

namespace ptdv {
namespace {

TEST(Utf8SequenceLength, MeasuresOneWellFormedCodePoint) {
  struct Case {
    std::string_view text;
    std::size_t length;
  };
  for (const Case& c : {
           Case{.text = "", .length = 0}, Case{.text = "a", .length = 1},
           Case{.text = std::string_view("\0x", 2), .length = 1},
           Case{.text = "Đảng", .length = 2},               // U+0110
           Case{.text = "ảng", .length = 3},                // U+1EA3
           Case{.text = "\xF0\x9F\x98\x80!", .length = 4},  // U+1F600
           Case{.text = "\xC3", .length = 0},               // truncated
           Case{.text = "\xC0\xAF", .length = 0},           // overlong '/'
           Case{.text = "\xED\xA0\x80", .length = 0},       // UTF-16 surrogate
           Case{.text = "\xF4\x90\x80\x80", .length = 0},   // past U+10FFFF
           Case{.text = "\x80", .length = 0},               // a lone continuation byte
       }) {
    EXPECT_EQ(Utf8SequenceLength(c.text), c.length) << testing::PrintToString(c.text);
  }
}

TEST(SplitTrimmed, KeepsEveryItemTrimmed) {
  EXPECT_EQ(SplitTrimmed(" a ,b,, c\t", ','), (std::vector<std::string_view>{"a", "b", "", "c"}));
  EXPECT_EQ(SplitTrimmed("", ','), (std::vector<std::string_view>{""}));
  EXPECT_EQ(SplitTrimmed("x=1; y=2 ;", ';', kHttpSpace),
            (std::vector<std::string_view>{"x=1", "y=2", ""}));
  EXPECT_EQ(SplitTrimmed("a\r, b", ',', kHttpSpace),
            (std::vector<std::string_view>{"a\r", "b"}));  // only the given space
}

TEST(AsciiLowercase, LowersOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLowercase("TayLocDu-01"), "taylocdu-01");
  EXPECT_EQ(AsciiLowercase("ĐẢNG Viên"), "ĐẢng viên");  // non-ASCII letters are left alone
}

}  // namespace
}  // namespace ptdv

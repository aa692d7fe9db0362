#include "domain/search_key.h"

#include <gtest/gtest.h>

#include <string>

namespace ptdv {
namespace {

TEST(SearchKey, FoldsVietnameseNamesToPlainLowercase) {
  struct Row {
    const char* name;
    std::string text;
    std::string want;
  };
  const Row rows[] = {
      {.name = "NFC", .text = "Nguyễn Văn Đức", .want = "nguyen van duc"},
      // Decomposed: e + U+0302 + U+0303, a + U+0306, u + U+031B + U+0301; Đ has no decomposition.
      {.name = "NFD",
       .text = "Nguye\u0302\u0303n Va\u0306n \u0110u\u031B\u0301c",
       .want = "nguyen van duc"},
      {.name = "upper case with đ", .text = "ĐẶNG THỊ", .want = "dang thi"},
      {.name = "lower-case đ", .text = "đỗ đức", .want = "do duc"},
      {.name = "Huế family names",
       .text = "Tôn Nữ Thị Ngọc Hương",
       .want = "ton nu thi ngoc huong"},
      {.name = "ơ and ư", .text = "Phạm Thị Thơ Trương", .want = "pham thi tho truong"},
      {.name = "extra spaces collapse", .text = "  Trần   Thị\tHoa \n ", .want = "tran thi hoa"},
      {.name = "non-breaking and em spaces are white space",
       .text = "Nguyễn\u00A0Văn\u2003Đức",
       .want = "nguyen van duc"},
      {.name = "invalid byte dropped", .text = "L\xC3\xAA\xFF V\xC4\x83n", .want = "le van"},
      {.name = "lone continuation byte dropped", .text = "\x80Phan", .want = "phan"},
      {.name = "truncated sequence at the end dropped",
       .text = "H\xE1\xBB\x93\xE1\xBB",
       .want = "ho"},
      {.name = "empty", .text = "", .want = ""},
      {.name = "only spaces", .text = "   ", .want = ""},
      {.name = "ASCII unchanged but lowered", .text = "Le Van A", .want = "le van a"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(SearchKey(row.text), row.want) << row.name;
  }
}

TEST(SearchKey, NfcAndNfdGiveTheSameKey) {
  // Each pair: precomposed (NFC) and decomposed (NFD) spellings of the same name.
  struct Row {
    std::string nfc;
    std::string nfd;
  };
  const Row rows[] = {
      {.nfc = "Nguyễn", .nfd = "Nguye\u0302\u0303n"},
      {.nfc = "Lê", .nfd = "Le\u0302"},
      {.nfc = "Phạm", .nfd = "Pha\u0323m"},
      {.nfc = "Hồ", .nfd = "Ho\u0302\u0300"},
      {.nfc = "Võ", .nfd = "Vo\u0303"},
      {.nfc = "Đặng", .nfd = "\u0110a\u0306\u0323ng"},
      {.nfc = "Bùi", .nfd = "Bu\u0300i"},
      {.nfc = "Ngô", .nfd = "Ngo\u0302"},
      {.nfc = "Dương", .nfd = "Du\u031Bo\u031Bng"},
      {.nfc = "Lý", .nfd = "Ly\u0301"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(SearchKey(row.nfc), SearchKey(row.nfd)) << row.nfc;
    EXPECT_EQ(NormaliseNfc(row.nfd), row.nfc) << row.nfc;
    EXPECT_EQ(NormaliseNfc(row.nfc), row.nfc) << row.nfc;
  }
}

TEST(SearchKey, NormaliseNfcDropsInvalidBytes) {
  EXPECT_EQ(NormaliseNfc("L\xC3\xAA\xFF V\xC4\x83n"), "Lê Văn");
  EXPECT_EQ(NormaliseNfc(""), "");
}

}  // namespace
}  // namespace ptdv

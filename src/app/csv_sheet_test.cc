#include "app/csv_sheet.h"

#include <gtest/gtest.h>

namespace ptdv {
namespace {

TEST(CsvSheet, ReadsCommasAndQuotesWithAByteOrderMark) {
  auto sheet = ReadCsvSheet(
      "\xEF\xBB\xBFHọ và tên,Ngày sinh,Nơi cư trú\n"
      "Nguyễn Văn An,05/04/1998,\"12 Lê Lợi, Huế\"\r\n"
      "\"Trần \"\"Bé\"\" Ba\",01/01/2000,\n");
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  EXPECT_EQ(sheet->headers, (std::vector<std::string>{"Họ và tên", "Ngày sinh", "Nơi cư trú"}));
  ASSERT_EQ(sheet->rows.size(), 2u);
  EXPECT_EQ(sheet->rows[0][2], "12 Lê Lợi, Huế");
  EXPECT_EQ(sheet->rows[1][0], "Trần \"Bé\" Ba");
}

TEST(CsvSheet, ReadsTheSemicolonsExcelWritesWhereTheCommaIsTheDecimalMark) {
  auto sheet = ReadCsvSheet("Họ và tên;Số CCCD;Ghi chú\nLê Thị Hoa;046198000001;1,5\n");
  ASSERT_TRUE(sheet.ok());
  ASSERT_EQ(sheet->rows.size(), 1u);
  EXPECT_EQ(sheet->rows[0], (std::vector<std::string>{"Lê Thị Hoa", "046198000001", "1,5"}));
}

TEST(CsvSheet, RefusesTextThatIsNotUtf8AndAnUnclosedQuote) {
  auto latin1 = ReadCsvSheet("H\xE1 v\xE0 t\xEAn\n");
  ASSERT_FALSE(latin1.ok());
  EXPECT_NE(latin1.error().message.find("UTF-8"), std::string::npos);
  auto unclosed = ReadCsvSheet("Họ và tên\n\"Nguyễn Văn An\n");
  ASSERT_FALSE(unclosed.ok());
  EXPECT_NE(unclosed.error().message.find("ngoặc kép"), std::string::npos);
}

}  // namespace
}  // namespace ptdv

#include "domain/attachment.h"

#include <gtest/gtest.h>

#include <string>

namespace ptdv {
namespace {

using namespace std::string_literals;

const std::string kPng = "\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\0\x01"s;

TEST(SniffScanTypeTest, JudgesTheFileByItsSignature) {
  EXPECT_EQ(SniffScanType("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), ScanType::kPdf);
  EXPECT_EQ(SniffScanType("\xFF\xD8\xFF\xE0\0\x10JFIF"s), ScanType::kJpeg);
  EXPECT_EQ(SniffScanType(kPng), ScanType::kPng);
}

TEST(SniffScanTypeTest, RefusesWhatIsNotAScanWhateverItsName) {
  EXPECT_EQ(SniffScanType(""), std::nullopt);
  EXPECT_EQ(SniffScanType("%PDF"), std::nullopt);                         // cut before the version
  EXPECT_EQ(SniffScanType("PK\x03\x04word/document.xml"), std::nullopt);  // a .docx
  EXPECT_EQ(SniffScanType("MZ\x90\0"s), std::nullopt);                    // an executable
  EXPECT_EQ(SniffScanType("Biên bản họp chi bộ"), std::nullopt);          // text named .pdf
  EXPECT_EQ(SniffScanType("\x89PNG\r\n\x1A\n"), std::nullopt);            // no IHDR chunk
  EXPECT_EQ(SniffScanType(" %PDF-1.4"), std::nullopt);
}

TEST(ScanMediaTypeTest, ReadsTheDeclaredTypeWithoutItsParameters) {
  EXPECT_EQ(ScanTypeFromMediaType("application/pdf"), ScanType::kPdf);
  EXPECT_EQ(ScanTypeFromMediaType("Image/JPEG; q=1"), ScanType::kJpeg);
  EXPECT_EQ(ScanTypeFromMediaType("image/png"), ScanType::kPng);
  EXPECT_EQ(ScanTypeFromMediaType("application/octet-stream"), std::nullopt);
  EXPECT_EQ(ScanMediaType(ScanType::kJpeg), "image/jpeg");
}

TEST(CleanScanNameTest, KeepsTheLastComponentAndTheRightExtension) {
  EXPECT_EQ(*CleanScanName("C:\\Scan\\Quyết định kết nạp.PDF", ScanType::kPdf),
            "Quyết định kết nạp.pdf");
  EXPECT_EQ(*CleanScanName("../../etc/passwd", ScanType::kPdf), "passwd.pdf");
  EXPECT_EQ(*CleanScanName("anh.jpeg", ScanType::kJpeg), "anh.jpeg");
  // A name whose extension says another type gets the type's own.
  EXPECT_EQ(*CleanScanName("don.pdf", ScanType::kPng), "don.pdf.png");
  EXPECT_EQ(*CleanScanName("  ", ScanType::kPng), "ban-quet.png");
  EXPECT_EQ(*CleanScanName(".pdf", ScanType::kPdf), "ban-quet.pdf");
  EXPECT_EQ(*CleanScanName("a\tb\x01.pdf", ScanType::kPdf), "ab.pdf");
}

TEST(CleanScanNameTest, CutsALongNameAtACharacterBoundary) {
  std::string name;
  for (int i = 0; i < 100; ++i) name += "Đ";  // two bytes each
  auto cleaned = CleanScanName(name + ".pdf", ScanType::kPdf);
  ASSERT_TRUE(cleaned.ok());
  EXPECT_LE(cleaned->size(), kMaxScanNameBytes);
  EXPECT_EQ(cleaned->size(), 78 * 2 + 4);
  EXPECT_TRUE(cleaned->ends_with("Đ.pdf"));
}

TEST(CleanScanNameTest, RefusesANameThatIsNotText) {
  auto cleaned = CleanScanName("\xC3\x28.pdf", ScanType::kPdf);
  ASSERT_FALSE(cleaned.ok());
  EXPECT_EQ(cleaned.error().code, ErrorCode::kInvalid);
}

}  // namespace
}  // namespace ptdv

#include "http/content_disposition.h"

#include <gtest/gtest.h>

namespace ptdv::http {
namespace {

TEST(ContentDispositionTest, GivesOldClientsAnAsciiNameAndTheRestTheRealOne) {
  EXPECT_EQ(ContentDisposition(Disposition::kInline, "6-KNĐ Lê Thị Ệ.pdf"),
            "inline; filename=\"6-KN__ L__ Th___ ___.pdf\"; "
            "filename*=UTF-8''6-KN%C4%90%20L%C3%AA%20Th%E1%BB%8B%20%E1%BB%86.pdf");
  EXPECT_EQ(ContentDisposition(Disposition::kAttachment, "Lý lịch.pdf", "ban-quet-7.pdf"),
            "attachment; filename=\"ban-quet-7.pdf\"; "
            "filename*=UTF-8''L%C3%BD%20l%E1%BB%8Bch.pdf");
  // A quote cannot end the quoted name early.
  EXPECT_EQ(ContentDisposition(Disposition::kAttachment, "a\"b.xlsx"),
            "attachment; filename=\"a_b.xlsx\"; filename*=UTF-8''a%22b.xlsx");
}

}  // namespace
}  // namespace ptdv::http

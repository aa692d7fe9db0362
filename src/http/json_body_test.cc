#include "http/json_body.h"

#include <gtest/gtest.h>

#include "domain/model.h"
#include "http/request.h"

namespace ptdv::http {
namespace {

std::string FieldOf(const Status& status) { return status.ok() ? "<ok>" : status.error().field; }
template <typename T>
std::string FieldOf(const Result<T>& result) {
  return result.ok() ? "<ok>" : result.error().field;
}

TEST(BodyReader, RefusesMalformedBodiesAndUnknownKeys) {
  struct Row {
    std::string text;
    std::string field;  // of the refusal; "<ok>" when accepted
  };
  for (const Row& row : {Row{"", ""}, Row{"{", ""}, Row{"[]", ""}, Row{"\"a\"", ""},
                         Row{"{} {}", ""}, Row{R"({"name":"a","nam":"b"})", "nam"},
                         Row{R"({"name":"a"})", "<ok>"}, Row{"{}", "<ok>"}}) {
    EXPECT_EQ(FieldOf(BodyReader::ParseText(row.text, {"name", "date"})), row.field) << row.text;
  }
  Request request;
  request.body = R"({"name":"a"})";
  EXPECT_EQ(FieldOf(BodyReader::Parse(request, {"name"})), "Content-Type");
  request.headers.Set("Content-Type", "application/json; charset=utf-8");
  EXPECT_TRUE(BodyReader::Parse(request, {"name"}).ok());
}

TEST(BodyReader, TypedGettersNameTheField) {
  auto body = BodyReader::ParseText(
      R"({"s":"x","n":5,"f":1.5,"big":99999999999,"b":true,"d":"30/02/2024","ok":"29/02/2024",)"
      R"("null":null,"sex":"female","bad_sex":"x","nul":"a\u0000b"})",
      {"s", "n", "f", "big", "b", "d", "ok", "null", "sex", "bad_sex", "nul", "absent"});
  ASSERT_TRUE(body.ok());
  std::string text = "unchanged";
  EXPECT_TRUE(body->ReadString("absent", text).ok());
  EXPECT_EQ(text, "unchanged");
  EXPECT_EQ(FieldOf(body->ReadString("absent", text, Presence::kRequired)), "absent");
  EXPECT_EQ(FieldOf(body->ReadString("n", text)), "n");
  EXPECT_EQ(FieldOf(body->ReadString("null", text)), "null");
  EXPECT_EQ(FieldOf(body->ReadString("nul", text)), "nul");
  EXPECT_TRUE(body->ReadString("s", text).ok());
  EXPECT_EQ(text, "x");

  int number = 0;
  EXPECT_TRUE(body->ReadInt("n", number, Presence::kRequired, 1, 10).ok());
  EXPECT_EQ(number, 5);
  EXPECT_EQ(FieldOf(body->ReadInt("n", number, Presence::kRequired, 6, 10)), "n");
  EXPECT_EQ(FieldOf(body->ReadInt("f", number)), "f");
  EXPECT_EQ(FieldOf(body->ReadInt("big", number)), "big");  // beyond int
  EXPECT_EQ(FieldOf(body->ReadInt("s", number)), "s");

  bool flag = false;
  EXPECT_TRUE(body->ReadBool("b", flag).ok());
  EXPECT_TRUE(flag);
  EXPECT_EQ(FieldOf(body->ReadBool("n", flag)), "n");

  Date date{};
  EXPECT_EQ(FieldOf(body->ReadDate("d", date)), "d");
  EXPECT_TRUE(body->ReadDate("ok", date).ok());
  EXPECT_EQ(date, MakeDate(2024, 2, 29));
  std::optional<Date> maybe = MakeDate(2020, 1, 1);
  EXPECT_TRUE(body->ReadOptionalDate("absent", maybe).ok());
  EXPECT_TRUE(maybe.has_value());
  EXPECT_TRUE(body->ReadOptionalDate("null", maybe).ok());
  EXPECT_FALSE(maybe.has_value());

  Sex sex = Sex::kMale;
  EXPECT_TRUE(body->ReadCode("sex", sex, SexFromCode).ok());
  EXPECT_EQ(sex, Sex::kFemale);
  EXPECT_EQ(FieldOf(body->ReadCode("bad_sex", sex, SexFromCode)), "bad_sex");
  EXPECT_EQ(FieldOf(body->ReadCode("absent", sex, SexFromCode, Presence::kRequired)), "absent");
  EXPECT_TRUE(body->ReadCode("absent", sex, SexFromCode).ok());
  EXPECT_EQ(sex, Sex::kFemale);
}

TEST(BodyReader, NestedObjectsAndArraysNameTheirPath) {
  auto body = BodyReader::ParseText(
      R"({"vote":{"eligible":9},"documents":[{"form_code":"6-KNĐ"},{"form_code":"BB","date":"x"}]})",
      {"vote", "documents"});
  ASSERT_TRUE(body.ok());
  auto vote = body->Object("vote", {"eligible", "present"});
  ASSERT_TRUE(vote.ok() && vote->has_value());
  int eligible = 0;
  EXPECT_TRUE((*vote)->ReadInt("eligible", eligible).ok());
  EXPECT_EQ(eligible, 9);
  EXPECT_EQ(FieldOf((*vote)->ReadInt("present", eligible, Presence::kRequired)), "vote.present");
  EXPECT_EQ(FieldOf(body->Object("vote", {"present"})), "vote.eligible");
  EXPECT_EQ(FieldOf(body->Objects("vote", {"eligible"})), "vote");

  auto documents = body->Objects("documents", {"form_code", "date"});
  ASSERT_TRUE(documents.ok());
  ASSERT_EQ(documents->size(), 2u);
  Date date{};
  EXPECT_EQ(FieldOf((*documents)[1].ReadDate("date", date)), "documents[1].date");
  EXPECT_EQ(FieldOf(body->Objects("documents", {"form_code"})), "documents[1].date");
  auto absent = body->Object("missing", {});
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
}

}  // namespace
}  // namespace ptdv::http

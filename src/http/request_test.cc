#include "http/request.h"

#include <gtest/gtest.h>

#include "domain/text.h"
#include "http/headers.h"

namespace ptdv::http {
namespace {

TEST(Headers, LookupIgnoresCaseAndKeepsRepeats) {
  Headers headers;
  headers.Add("Content-Type", "application/json");
  headers.Add("Set-Cookie", "a=1");
  headers.Add("set-cookie", "b=2");
  EXPECT_EQ(headers.Get("content-type"), "application/json");
  EXPECT_EQ(headers.GetAll("SET-COOKIE").size(), 2u);
  EXPECT_FALSE(headers.Get("Accept").has_value());
  headers.Set("SET-cookie", "c=3");
  ASSERT_EQ(headers.GetAll("Set-Cookie").size(), 1u);
  EXPECT_EQ(headers.Get("Set-Cookie"), "c=3");
  headers.Remove("content-TYPE");
  EXPECT_FALSE(headers.Has("Content-Type"));
}

TEST(Method, ParsesKnownTokensCaseSensitively) {
  EXPECT_EQ(ParseMethod("GET"), Method::kGet);
  EXPECT_EQ(ParseMethod("PATCH"), Method::kPatch);
  EXPECT_EQ(ParseMethod("get"), Method::kOther);
  EXPECT_EQ(ParseMethod("PROPFIND"), Method::kOther);
  EXPECT_STREQ(MethodName(Method::kDelete), "DELETE");
}

TEST(ParseTarget, SplitsAndDecodesPathAndQuery) {
  Request request;
  ASSERT_TRUE(
      ParseTarget(
          "/api/v1/people/Nguy%E1%BB%85n%20V%C4%83n?q=Nguy%E1%BB%85n+V%C4%83n&x=&flag&page=2",
          request)
          .ok());
  EXPECT_EQ(request.path, "/api/v1/people/Nguy%E1%BB%85n%20V%C4%83n");
  EXPECT_EQ(request.segments, (std::vector<std::string>{"api", "v1", "people", "Nguyễn Văn"}));
  EXPECT_EQ(request.Query("q"), "Nguyễn Văn");
  EXPECT_EQ(request.Query("x"), "");
  EXPECT_EQ(request.Query("flag"), "");
  EXPECT_EQ(request.Query("page"), "2");
  EXPECT_FALSE(request.Query("missing").has_value());
}

// Found by the fuzzer: a raw byte that completes an escaped UTF-8 sequence ("%E1%BA" + 0xA5).
TEST(ParseTarget, KeepsRawBytesOfThePathAsTheirEscapes) {
  Request request;
  ASSERT_TRUE(ParseTarget("/api/v1/users/b%E1%BA\xA5n/Nguy\xE1\xBB\x85n?q=1", request).ok());
  EXPECT_EQ(request.path, "/api/v1/users/b%E1%BA%A5n/Nguy%E1%BB%85n");
  EXPECT_EQ(request.segments, (std::vector<std::string>{"api", "v1", "users", "bấn", "Nguyễn"}));
}

TEST(ParseTarget, KeepsRepeatedNamesInOrderAndSkipsEmptyPairs) {
  Request request;
  ASSERT_TRUE(ParseTarget("/a?org=1&&org=2&=x&note=a%3Db%26c?d", request).ok());
  EXPECT_EQ(request.query, (Params{{"org", "1"}, {"org", "2"}, {"", "x"}, {"note", "a=b&c?d"}}));
  EXPECT_EQ(request.Query("org"), "1");
  ASSERT_TRUE(ParseTarget("/a?", request).ok());
  EXPECT_TRUE(request.query.empty());
}

TEST(ParseTarget, KeepsEncodedSlashInsideOneSegment) {
  Request request;
  ASSERT_TRUE(ParseTarget("/a/b%2Fc/", request).ok());
  EXPECT_EQ(request.segments, (std::vector<std::string>{"a", "b/c", ""}));
  ASSERT_TRUE(ParseTarget("/", request).ok());
  EXPECT_EQ(request.segments, (std::vector<std::string>{""}));
}

TEST(ParseTarget, RefusesMalformedTargets) {
  struct Case {
    const char* target;
  };
  for (Case c : {Case{"api/v1"}, Case{"http://host/x"}, Case{"/a%2"}, Case{"/a%zz"},
                 Case{"/a%C3"},                                        // truncated UTF-8
                 Case{"/a%C0%AF"},                                     // overlong '/'
                 Case{"/a%ED%A0%80"},                                  // UTF-16 surrogate
                 Case{"/a%00b"},                                       // NUL
                 Case{"/a?q=%FF"}, Case{"/a?q=%4"}, Case{"/a?%C3=1"},  // invalid UTF-8 in a name
                 Case{"/a?q=%00"},                                     // NUL in a value

                 Case{"/a?q=a|b"}, Case{"/a#top"}, Case{""}, Case{"*"}}) {
    Request request;
    Status status = ParseTarget(c.target, request);
    ASSERT_FALSE(status.ok()) << c.target;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalid) << c.target;
  }
}

TEST(PercentDecode, PlusIsSpaceOnlyInQueries) {
  EXPECT_EQ(PercentDecode("a+b%2B", true), "a b+");
  EXPECT_EQ(PercentDecode("a+b%2B", false), "a+b+");
  EXPECT_FALSE(PercentDecode("%", false).has_value());
}

TEST(IsValidUtf8, AcceptsVietnameseAndRefusesBrokenSequences) {
  EXPECT_TRUE(IsValidUtf8("Đảng viên chính thức"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xE1\xBB"));
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST(ParseCookieHeader, ReadsPairsAndSkipsJunk) {
  Params cookies;
  ParseCookieHeader("session=abc123; csrf=\"x y\";junk; =novalue;  theme = dark ", cookies);
  Request request;
  request.cookies = cookies;
  EXPECT_EQ(request.Cookie("session"), "abc123");
  EXPECT_EQ(request.Cookie("csrf"), "x y");
  EXPECT_EQ(request.Cookie("theme"), "dark");
  EXPECT_EQ(cookies.size(), 3u);
}

TEST(Request, ContentTypeIgnoresParametersAndCase) {
  Request request;
  EXPECT_FALSE(request.ContentTypeIs("application/json"));
  request.headers.Add("content-type", "Application/JSON; charset=utf-8");
  EXPECT_TRUE(request.ContentTypeIs("application/json"));
  EXPECT_FALSE(request.ContentTypeIs("text/plain"));
}

}  // namespace
}  // namespace ptdv::http

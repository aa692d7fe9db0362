#include "http/static_files.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "domain/result.h"
#include "http/test_loopback.h"

namespace ptdv::http {
namespace {

namespace fs = std::filesystem;

TEST(MimeTypeOf, KnowsTheWebUiTypes) {
  struct Case {
    const char* extension;
    const char* type;
  };
  for (Case c :
       {Case{"html", "text/html; charset=utf-8"}, Case{"js", "text/javascript; charset=utf-8"},
        Case{"mjs", "text/javascript; charset=utf-8"}, Case{"css", "text/css; charset=utf-8"},
        Case{"svg", "image/svg+xml"}, Case{"png", "image/png"}, Case{"ico", "image/x-icon"},
        Case{"json", "application/json"}, Case{"woff2", "font/woff2"},
        Case{"map", "application/json"}, Case{"txt", "text/plain; charset=utf-8"},
        Case{"PNG", "image/png"}, Case{"exe", "application/octet-stream"},
        Case{"", "application/octet-stream"}}) {
    EXPECT_STREQ(MimeTypeOf(c.extension), c.type) << c.extension;
  }
}

TEST(ChooseContentCoding, PicksTheMostAcceptableVariantOnDisk) {
  constexpr auto kIdentity = ContentCoding::kIdentity;
  constexpr auto kGzip = ContentCoding::kGzip;
  constexpr auto kBrotli = ContentCoding::kBrotli;
  // The precompressed copies beside the file.
  enum class OnDisk { kBrotliAndGzip, kGzip, kNone };
  struct Case {
    std::optional<std::string_view> accept_encoding;
    OnDisk on_disk = OnDisk::kBrotliAndGzip;
    ContentCoding expected;
  };
  for (Case c : {
           Case{.accept_encoding = std::nullopt, .expected = kIdentity},
           Case{.accept_encoding = "", .expected = kIdentity},
           // What browsers send: br preferred, then gzip, else identity.
           Case{.accept_encoding = "gzip, deflate, br, zstd", .expected = kBrotli},
           Case{
               .accept_encoding = "gzip, deflate, br", .on_disk = OnDisk::kGzip, .expected = kGzip},
           Case{.accept_encoding = "gzip, br", .on_disk = OnDisk::kNone, .expected = kIdentity},
           Case{.accept_encoding = "gzip", .expected = kGzip},
           Case{.accept_encoding = "x-gzip", .expected = kGzip},
           Case{.accept_encoding = "deflate", .expected = kIdentity},
           Case{.accept_encoding = "BR", .expected = kBrotli},
           // q=0 refuses a coding, in any spelling of zero.
           Case{.accept_encoding = "br;q=0, gzip", .expected = kGzip},
           Case{.accept_encoding = "br; q=0.000, gzip;Q=0", .expected = kIdentity},
           Case{.accept_encoding = "gzip;q=0", .on_disk = OnDisk::kGzip, .expected = kIdentity},
           // The higher q wins over the server's preference.
           Case{.accept_encoding = "br;q=0.5, gzip;q=0.8", .expected = kGzip},
           Case{.accept_encoding = "br;q=0.5, gzip;q=0.5", .expected = kBrotli},
           Case{.accept_encoding = "gzip;q=0.5, identity", .expected = kIdentity},
           Case{.accept_encoding = "gzip;q=0.5, identity;q=0.2", .expected = kGzip},
           // "*" stands for what is not named.
           Case{.accept_encoding = "*", .expected = kBrotli},
           Case{.accept_encoding = "*;q=0.3, br;q=0", .expected = kGzip},
           Case{.accept_encoding = "*;q=0", .on_disk = OnDisk::kNone, .expected = kIdentity},
           // A malformed q drops its element.
           Case{.accept_encoding = "br;q=2, gzip", .expected = kGzip},
           Case{.accept_encoding = "br;q=0.5x, br;level=9, gzip;q=1.5", .expected = kIdentity},
       }) {
    bool has_gzip = c.on_disk != OnDisk::kNone;
    bool has_brotli = c.on_disk == OnDisk::kBrotliAndGzip;
    EXPECT_EQ(ChooseContentCoding(c.accept_encoding, has_gzip, has_brotli), c.expected)
        << c.accept_encoding.value_or("(none)") << " gzip=" << has_gzip << " br=" << has_brotli;
  }
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    root_ = dir_.path() / "web";
    fs::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<!doctype html><title>PTĐV</title>");
    Write(root_ / "assets" / "app-3f2a1c.js", "console.log(1)");
    Write(root_ / "assets" / "app-3f2a1c.css", "body{}");
    Write(root_ / "favicon.ico", "ico");
    Write(root_ / ".env", "SECRET=1");
    Write(dir_.path() / "secret.txt", "outside the root");
    fs::create_symlink(dir_.path() / "secret.txt", root_ / "escape.txt");
  }

  static void Write(const fs::path& path, std::string_view text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  Response Get(std::string_view target, std::string_view if_none_match = {},
               std::optional<std::string_view> accept_encoding = std::nullopt) {
    Request request;
    Status parsed = ParseTarget(target, request);
    EXPECT_TRUE(parsed.ok()) << target;
    if (!if_none_match.empty()) request.headers.Add("If-None-Match", std::string(if_none_match));
    if (accept_encoding) request.headers.Add("Accept-Encoding", std::string(*accept_encoding));
    return StaticFiles(root_).Serve(request);
  }

  test::TempDir dir_{"ptdv-static-test"};
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCacheHeaders) {
  Response index = Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index.headers.Get("Cache-Control"), "no-cache");
  EXPECT_EQ(index.body, "<!doctype html><title>PTĐV</title>");

  Response script = Get("/assets/app-3f2a1c.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(script.headers.Get("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(script.body, "console.log(1)");

  EXPECT_EQ(Get("/assets/app-3f2a1c.css").content_type, "text/css; charset=utf-8");
  Response icon = Get("/favicon.ico");
  EXPECT_EQ(icon.content_type, "image/x-icon");
  EXPECT_EQ(icon.headers.Get("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, EtagRevalidationAnswers304) {
  Response first = Get("/assets/app-3f2a1c.js");
  std::optional<std::string_view> etag = first.headers.Get("ETag");
  ASSERT_TRUE(etag.has_value());
  std::string tag(*etag);

  Response again = Get("/assets/app-3f2a1c.js", tag);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.headers.Get("ETag"), tag);
  EXPECT_EQ(Get("/assets/app-3f2a1c.js", "\"other\", W/" + tag).status, 304);
  EXPECT_EQ(Get("/assets/app-3f2a1c.js", "*").status, 304);
  EXPECT_EQ(Get("/assets/app-3f2a1c.js", "\"other\"").status, 200);

  // A changed file gets a new tag.
  Write(root_ / "assets" / "app-3f2a1c.js", "console.log(2); // longer");
  EXPECT_EQ(Get("/assets/app-3f2a1c.js", tag).status, 200);
}

TEST_F(StaticFilesTest, ServesPrecompressedVariantsByAcceptEncoding) {
  // The bytes stand in for compressed ones: the server sends the file the build wrote.
  Write(root_ / "assets" / "app-3f2a1c.js.br", "BR");
  Write(root_ / "assets" / "app-3f2a1c.js.gz", "GZ");
  Write(root_ / "index.html.gz", "GZ-INDEX");
  struct Case {
    const char* target;
    std::optional<std::string_view> accept_encoding;
    const char* body;
    std::optional<std::string_view> content_encoding;
  };
  for (Case c : {
           Case{"/assets/app-3f2a1c.js", "gzip, deflate, br", "BR", "br"},
           Case{"/assets/app-3f2a1c.js", "gzip", "GZ", "gzip"},
           Case{"/assets/app-3f2a1c.js", "br;q=0, gzip", "GZ", "gzip"},
           Case{"/assets/app-3f2a1c.js", "identity", "console.log(1)", std::nullopt},
           Case{"/assets/app-3f2a1c.js", std::nullopt, "console.log(1)", std::nullopt},
           Case{"/", "gzip, deflate, br", "GZ-INDEX", "gzip"},
           Case{"/cases/42", "gzip", "GZ-INDEX", "gzip"},
       }) {
    SCOPED_TRACE(std::string(c.target) + " " + std::string(c.accept_encoding.value_or("-")));
    Response response = Get(c.target, {}, c.accept_encoding);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, c.body);
    EXPECT_EQ(response.headers.Get("Content-Encoding"), c.content_encoding);
    EXPECT_EQ(response.headers.Get("Vary"), "Accept-Encoding");
  }
  Response script = Get("/assets/app-3f2a1c.js", {}, "br");
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(script.headers.Get("Cache-Control"), "public, max-age=31536000, immutable");
  Response index = Get("/", {}, "gzip");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index.headers.Get("Cache-Control"), "no-cache");

  // Each coding has its own tag; a 304 still names the coding and the Vary.
  std::string br_tag(script.headers.Get("ETag").value_or(""));
  std::string identity_tag(Get("/assets/app-3f2a1c.js").headers.Get("ETag").value_or(""));
  EXPECT_NE(br_tag, identity_tag);
  Response again = Get("/assets/app-3f2a1c.js", br_tag, "br");
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.headers.Get("Content-Encoding"), "br");
  EXPECT_EQ(again.headers.Get("Vary"), "Accept-Encoding");
  EXPECT_EQ(Get("/assets/app-3f2a1c.js", br_tag, "gzip").status, 200);

  // A file without variants varies on nothing.
  Response css = Get("/assets/app-3f2a1c.css", {}, "gzip, br");
  EXPECT_EQ(css.body, "body{}");
  EXPECT_FALSE(css.headers.Has("Content-Encoding"));
  EXPECT_FALSE(css.headers.Has("Vary"));
}

TEST_F(StaticFilesTest, IgnoresAVariantThatLinksOutsideTheRoot) {
  fs::create_symlink(dir_.path() / "secret.txt", root_ / "assets" / "app-3f2a1c.css.br");
  Response css = Get("/assets/app-3f2a1c.css", {}, "br");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.body, "body{}");
  EXPECT_FALSE(css.headers.Has("Content-Encoding"));
}

TEST_F(StaticFilesTest, UnknownPathsFallBackToIndexOutsideAssets) {
  for (const char* target : {"/cases/42", "/orgs/tay-loc/todo?date=2024-01-05", "/cases/"}) {
    Response response = Get(target);
    EXPECT_EQ(response.status, 200) << target;
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8") << target;
    EXPECT_EQ(response.headers.Get("Cache-Control"), "no-cache") << target;
  }
  EXPECT_EQ(Get("/assets/app-000000.js").status, 404);
  EXPECT_EQ(Get("/assets/app-000000.js").content_type, "application/json");
}

TEST_F(StaticFilesTest, RefusesTraversalDotFilesAndEscapingLinks) {
  for (const char* target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt", "/assets/%2e%2e%5c..%5csecret.txt", "/./index.html"}) {
    Response response = Get(target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_EQ(response.body.find("outside the root"), std::string::npos) << target;
  }
  EXPECT_EQ(Get("/.env").status, 404);
  EXPECT_EQ(Get("/escape.txt").status, 404);
}

}  // namespace
}  // namespace ptdv::http

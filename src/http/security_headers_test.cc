#include "http/security_headers.h"

#include <gtest/gtest.h>

namespace ptdv::http {
namespace {

TEST(AddSecurityHeaders, EveryAnswerGetsThePolicy) {
  Response response = Response::Json("{}");
  AddSecurityHeaders(response, Transport::kPlain);
  EXPECT_EQ(response.headers.Get("Content-Security-Policy"), kContentSecurityPolicy);
  EXPECT_EQ(response.headers.Get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.headers.Get("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(response.headers.Get("X-Frame-Options"), "DENY");
  EXPECT_EQ(response.headers.Get("Cross-Origin-Opener-Policy"), "same-origin");
  EXPECT_FALSE(response.headers.Has("Strict-Transport-Security"));
  EXPECT_EQ(response.headers.Get("Cache-Control"), "no-store");
}

TEST(AddSecurityHeaders, HstsOnlyOverTls) {
  Response https = Response::Text("ok");
  AddSecurityHeaders(https, Transport::kHttps);
  EXPECT_EQ(https.headers.Get("Strict-Transport-Security"), "max-age=31536000");

  Response plain = Response::Text("ok");
  plain.headers.Set("Strict-Transport-Security", "max-age=1");
  AddSecurityHeaders(plain, Transport::kPlain);
  EXPECT_FALSE(plain.headers.Has("Strict-Transport-Security"));
}

TEST(AddSecurityHeaders, KeepsARoutesOwnCachingButNotAWeakerPolicy) {
  Response reference = Response::Json("{}");
  reference.headers.Set("Cache-Control", "private, max-age=3600");
  reference.headers.Set("X-Frame-Options", "SAMEORIGIN");
  AddSecurityHeaders(reference, Transport::kPlain);
  EXPECT_EQ(reference.headers.Get("Cache-Control"), "private, max-age=3600");
  EXPECT_EQ(reference.headers.GetAll("X-Frame-Options").size(), 1u);
  EXPECT_EQ(reference.headers.Get("X-Frame-Options"), "DENY");
}

}  // namespace
}  // namespace ptdv::http

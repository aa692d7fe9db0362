#include "http/client_origin.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace ptdv::http {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

Headers HeadersOf(const Fields& fields) {
  Headers headers;
  for (const auto& [name, value] : fields) headers.Add(name, value);
  return headers;
}

TEST(ResolveClientOrigin, BelievesForwardedFieldsFromTrustedProxiesOnly) {
  NetworkList proxies = NetworkList::Parse("10.0.0.2,10.1.0.0/16").value();
  struct Case {
    const char* name;
    const char* peer;
    Fields fields;
    const char* address;
    bool https;
  };
  const Case cases[] = {
      {.name = "no proxy",
       .peer = "203.0.113.5",
       .fields = {},
       .address = "203.0.113.5",
       .https = false},
      {.name = "an untrusted peer's fields are ignored",
       .peer = "203.0.113.5",
       .fields = {{"X-Forwarded-For", "198.51.100.1"}, {"X-Forwarded-Proto", "https"}},
       .address = "203.0.113.5",
       .https = false},
      {.name = "the trusted proxy names the client",
       .peer = "10.0.0.2",
       .fields = {{"X-Forwarded-For", "198.51.100.1"}, {"X-Forwarded-Proto", "https"}},
       .address = "198.51.100.1",
       .https = true},
      {.name = "a client's forged prefix is skipped: the right-most untrusted hop wins",
       .peer = "10.0.0.2",
       .fields = {{"X-Forwarded-For", "1.2.3.4, 198.51.100.1"}},
       .address = "198.51.100.1",
       .https = false},
      {.name = "trusted hops are walked through",
       .peer = "10.0.0.2",
       .fields = {{"X-Forwarded-For", "1.2.3.4, 198.51.100.1, 10.1.4.4"}},
       .address = "198.51.100.1",
       .https = false},
      {.name = "repeated fields are one list",
       .peer = "10.0.0.2",
       .fields = {{"X-Forwarded-For", "1.2.3.4"}, {"X-Forwarded-For", "198.51.100.1"}},
       .address = "198.51.100.1",
       .https = false},
      {.name = "garbage ends the walk at the hop to its right",
       .peer = "10.0.0.2",
       .fields = {{"X-Forwarded-For", "198.51.100.1, unknown, 10.1.4.4"}},
       .address = "10.1.4.4",
       .https = false},
      {.name = "a bracketed IPv6 hop",
       .peer = "10.0.0.2",
       .fields = {{"X-Forwarded-For", "[2001:db8::7]"}},
       .address = "2001:db8::7",
       .https = false},
      {.name = "the right-most protocol counts",
       .peer = "10.0.0.2",
       .fields = {{"X-Forwarded-Proto", "https, http"}},
       .address = "10.0.0.2",
       .https = false},
      {.name = "protocol case does not matter",
       .peer = "10.0.0.2",
       .fields = {{"X-Forwarded-Proto", "HTTPS"}},
       .address = "10.0.0.2",
       .https = true},
  };
  for (const Case& c : cases) {
    ClientOrigin origin = ResolveClientOrigin(c.peer, HeadersOf(c.fields), proxies);
    EXPECT_EQ(origin.address, c.address) << c.name;
    EXPECT_EQ(origin.https, c.https) << c.name;
  }
}

TEST(ResolveClientOrigin, NoTrustedProxyMeansThePeer) {
  ClientOrigin origin =
      ResolveClientOrigin("127.0.0.1", HeadersOf({{"X-Forwarded-For", "198.51.100.1"}}), {});
  EXPECT_EQ(origin.address, "127.0.0.1");
  EXPECT_FALSE(origin.forwarded);
}

}  // namespace
}  // namespace ptdv::http

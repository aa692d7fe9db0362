#include "http/network_list.h"

#include <gtest/gtest.h>

namespace ptdv::http {
namespace {

TEST(NetworkList, MatchesAddressesAndCidrBlocks) {
  struct Case {
    const char* list;
    const char* address;
    bool contained;
  };
  const Case cases[] = {
      {.list = "10.0.0.7", .address = "10.0.0.7", .contained = true},
      {.list = "10.0.0.7", .address = "10.0.0.8", .contained = false},
      {.list = "10.0.0.0/8", .address = "10.255.1.2", .contained = true},
      {.list = "10.0.0.0/8", .address = "11.0.0.1", .contained = false},
      {.list = "192.168.4.0/22", .address = "192.168.7.255", .contained = true},
      {.list = "192.168.4.0/22", .address = "192.168.8.0", .contained = false},
      {.list = "0.0.0.0/0", .address = "203.0.113.9", .contained = true},
      {.list = "127.0.0.1", .address = "::ffff:127.0.0.1", .contained = true},
      {.list = "fd00::/8", .address = "fd12::1", .contained = true},
      {.list = "fd00::/8", .address = "fe80::1", .contained = false},
      {.list = "::1", .address = "::1", .contained = true},
      {.list = "::1", .address = "127.0.0.1", .contained = false},
      {.list = " 10.0.0.1 , 10.0.0.2 ", .address = "10.0.0.2", .contained = true},
      {.list = "10.0.0.0/8", .address = "not an address", .contained = false},
      {.list = "10.0.0.0/8", .address = "10.0.0.1:80", .contained = false},
      {.list = "", .address = "127.0.0.1", .contained = false},
  };
  for (const Case& c : cases) {
    Result<NetworkList> list = NetworkList::Parse(c.list);
    ASSERT_TRUE(list.ok()) << c.list;
    EXPECT_EQ(list->Contains(c.address), c.contained) << c.list << " ∋ " << c.address;
  }
}

TEST(NetworkList, RefusesWhatIsNotAnAddressOrNetwork) {
  for (const char* list : {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "localhost",
                           "10.0.0.1,proxy", "10.0.0.256", "10.0.0.0/-1"}) {
    Result<NetworkList> parsed = NetworkList::Parse(list);
    ASSERT_FALSE(parsed.ok()) << list;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalid);
  }
}

TEST(NetworkList, LoopbackIsTheDefaultOpsNetwork) {
  NetworkList loopback = NetworkList::Loopback();
  EXPECT_TRUE(loopback.Contains("127.0.0.1"));
  EXPECT_TRUE(loopback.Contains("127.3.2.1"));
  EXPECT_TRUE(loopback.Contains("::1"));
  EXPECT_FALSE(loopback.Contains("10.0.0.1"));
  EXPECT_EQ(loopback.text(), "127.0.0.0/8,::1");
}

}  // namespace
}  // namespace ptdv::http

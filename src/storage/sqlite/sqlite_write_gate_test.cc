#include "storage/sqlite/sqlite_write_gate.h"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>
#include <vector>

namespace ptdv {
namespace {

using std::chrono::milliseconds;

// Writers are let in one at a time in the order they asked; one that gives up waiting loses its
// turn without holding up the ones behind it.
TEST(SqliteWriteGateTest, LetsWritersInOneAtATimeInTurn) {
  auto gate = std::make_shared<SqliteWriteGate>();
  auto first = SqliteWriteGate::Enter(gate, milliseconds(1000));
  ASSERT_TRUE(first.has_value());
  // A second writer cannot enter while the first is in; it gives up.
  EXPECT_FALSE(SqliteWriteGate::Enter(gate, milliseconds(20)).has_value());

  std::vector<int> order;
  std::mutex order_mutex;
  std::vector<std::thread> writers;
  for (int i = 0; i < 3; ++i) {
    // Each asks once the one before it is waiting, so tickets follow i.
    while (gate->Waiting() < static_cast<std::size_t>(i)) std::this_thread::yield();
    writers.emplace_back([&, i] {
      auto pass = SqliteWriteGate::Enter(gate, milliseconds(5000));
      ASSERT_TRUE(pass.has_value());
      std::lock_guard lock(order_mutex);
      order.push_back(i);
    });
  }
  while (gate->Waiting() < 3) std::this_thread::yield();
  first.reset();
  for (std::thread& t : writers) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
  // And the gate is free again.
  EXPECT_TRUE(SqliteWriteGate::Enter(gate, milliseconds(20)).has_value());
}

// A pass may outlive whoever made the gate: it shares it.
TEST(SqliteWriteGateTest, APassKeepsItsGate) {
  auto gate = std::make_shared<SqliteWriteGate>();
  auto pass = SqliteWriteGate::Enter(gate, milliseconds(100));
  ASSERT_TRUE(pass.has_value());
  std::weak_ptr<SqliteWriteGate> weak = gate;
  gate.reset();
  EXPECT_FALSE(weak.expired());
  pass.reset();
  EXPECT_TRUE(weak.expired());
}

}  // namespace
}  // namespace ptdv

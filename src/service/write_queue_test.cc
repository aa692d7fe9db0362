#include "service/write_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "domain/date.h"
#include "service/test_store.h"
#include "storage/store.h"

namespace ptdv {
namespace {

using test::Must;

Organisation Unit(std::string code) {
  Organisation o;
  o.kind = OrgKind::kProvincialCommittee;
  o.name = "Đảng bộ " + code;
  o.code = std::move(code);
  o.valid_from = MakeDate(2024, 1, 1);
  return o;
}

class WriteQueueTest : public ::testing::Test {
 protected:
  bool Exists(const std::string& code) {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    return tx->Organisations().GetByCode(code).ok();
  }

  test::TempDir dir_{"ptdv-write-queue"};
  std::unique_ptr<Store> store_ = test::OpenMigratedStore((dir_.path() / "ptdv.db").string());
};

// Pieces queued while the writer is busy are committed together, in one transaction; each caller
// gets its own answer, and a failing piece is undone alone.
TEST_F(WriteQueueTest, CommitsTheQueuedPiecesTogetherAndUndoesAFailingOneAlone) {
  WriteQueue queue(*store_);
  constexpr int kWriters = 12;
  std::atomic<bool> first_started = false;
  std::vector<Status> results(kWriters, Ok());
  std::vector<std::thread> writers;
  // The first piece holds the writer until every other writer has queued its piece.
  writers.emplace_back([&] {
    results[0] = queue.Run([&](Transaction& tx) -> Status {
      first_started = true;
      while (queue.queued() < kWriters - 1) std::this_thread::yield();
      return tx.Organisations().Insert(Unit("W0")).ok() ? Ok() : Error::Invalid("insert");
    });
  });
  while (!first_started) std::this_thread::yield();
  for (int i = 1; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      results[i] = queue.Run([i](Transaction& tx) -> Status {
        PTDV_RETURN_IF_ERROR(tx.Organisations().Insert(Unit("W" + std::to_string(i))));
        // The fifth writes, then refuses: its unit must not be kept.
        if (i == 5) return Error::Invalid("Không hợp lệ", "field");
        return Ok();
      });
    });
  }
  for (std::thread& t : writers) t.join();

  EXPECT_EQ(queue.batches(), 2u);  // the first piece, then the eleven queued behind it
  EXPECT_EQ(queue.pieces(), static_cast<std::size_t>(kWriters));
  for (int i = 0; i < kWriters; ++i) {
    SCOPED_TRACE(i);
    if (i == 5) {
      ASSERT_FALSE(results[i].ok());
      EXPECT_EQ(results[i].error().code, ErrorCode::kInvalid);
      EXPECT_EQ(results[i].error().field, "field");
      EXPECT_FALSE(Exists("W5"));
    } else {
      EXPECT_TRUE(results[i].ok());
      EXPECT_TRUE(Exists("W" + std::to_string(i)));
    }
  }
}

// A piece sees the writes of the pieces before it in the same batch, as if each had committed:
// a second insert of the same code is refused (unique), the first kept.
TEST_F(WriteQueueTest, APieceSeesTheOnesBeforeIt) {
  WriteQueue queue(*store_);
  std::atomic<bool> first_started = false;
  Status first = Ok();
  Status second = Ok();
  std::thread a([&] {
    first = queue.Run([&](Transaction& tx) -> Status {
      first_started = true;
      while (queue.queued() < 1) std::this_thread::yield();
      return tx.Organisations().Insert(Unit("X0")).ok() ? Ok() : Error::Invalid("insert");
    });
  });
  while (!first_started) std::this_thread::yield();
  std::thread b([&] {
    second = queue.Run([](Transaction& tx) -> Status {
      PTDV_RETURN_IF_ERROR(tx.Organisations().Insert(Unit("X0")));
      return Ok();
    });
  });
  a.join();
  b.join();
  EXPECT_TRUE(first.ok());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(Exists("X0"));

  // The typed form hands back the piece's value.
  Result<Id> id = queue.Run<Id>(
      [](Transaction& tx) -> Result<Id> { return tx.Organisations().Insert(Unit("X1")); });
  ASSERT_TRUE(id.ok());
  auto tx = Must(store_->Begin(Access::kReadOnly));
  EXPECT_EQ(Must(tx->Organisations().GetByCode("X1")).id, *id);
}

}  // namespace
}  // namespace ptdv

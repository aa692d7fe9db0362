#pragma once

// Group commit: the writes of many requests committed in one transaction by one writer thread.
//
// With synchronous=FULL every commit waits for the disk (an fsync of the WAL); requests that each
// commit their own transaction queue behind one another's fsync for SQLite's single write lock.
// Here each request hands its work to the writer and waits: the writer takes every piece of work
// queued (up to a batch), runs each in a savepoint of its own inside one transaction — in queue
// order, so the audit chain has one order and each piece sees the ones before it — and commits
// once. A piece that fails (a rule, a stale version: 409) has its savepoint rolled back and gets
// its own error; the others are kept. Each request is answered after the commit that holds its
// writes: Ok only once they are durable.
//
// Thread-safe. The work runs on the writer thread and must not use the Store by itself (no
// Begin): everything through the Transaction it is given.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "domain/result.h"

namespace ptdv {

class Store;
class Transaction;

class WriteQueue {
 public:
  struct Options {
    std::size_t max_batch = 256;  // pieces of work committed together at most
  };
  explicit WriteQueue(Store& store) : WriteQueue(store, Options{}) {}
  WriteQueue(Store& store, Options options);
  // Runs the work still queued, then stops the writer.
  ~WriteQueue();
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Runs `work` in the writer's transaction and returns once that transaction has ended: the
  // work's own error (its writes undone), else the commit's (none of the batch written), else Ok
  // (durable).
  Status Run(const std::function<Status(Transaction&)>& work);
  template <typename T>
  Result<T> Run(const std::function<Result<T>(Transaction&)>& work) {
    std::optional<Result<T>> out;
    Status done = Run([&](Transaction& tx) -> Status {
      out.emplace(work(tx));
      if (!out->ok()) return out->error();
      return Ok();
    });
    if (!done.ok()) return done.error();
    return std::move(*out);
  }

  // Batches begun and pieces of work taken so far, and the pieces waiting (for tests, metrics).
  std::size_t batches() const;
  std::size_t pieces() const;
  std::size_t queued() const;

 private:
  struct Piece;
  void Loop();
  void Commit(std::deque<Piece*>& batch);

  Store& store_;
  const Options options_;
  mutable std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<Piece*> queue_;  // guarded by mutex_, as the members below
  bool stopping_ = false;
  std::size_t batches_ = 0;
  std::size_t pieces_ = 0;
  std::thread writer_;  // last: started when everything above is ready
};

}  // namespace ptdv

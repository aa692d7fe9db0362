#include "service/write_queue.h"

#include <future>
#include <vector>

#include "storage/store.h"

namespace ptdv {

struct WriteQueue::Piece {
  const std::function<Status(Transaction&)>* work = nullptr;
  std::promise<Status> done;
};

WriteQueue::WriteQueue(Store& store, Options options)
    : store_(store), options_(options), writer_([this] { Loop(); }) {}

WriteQueue::~WriteQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  writer_.join();
}

Status WriteQueue::Run(const std::function<Status(Transaction&)>& work) {
  Piece piece{.work = &work, .done = {}};
  std::future<Status> done = piece.done.get_future();
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(&piece);
  }
  queued_.notify_one();
  return done.get();
}

std::size_t WriteQueue::batches() const {
  std::lock_guard lock(mutex_);
  return batches_;
}

std::size_t WriteQueue::pieces() const {
  std::lock_guard lock(mutex_);
  return pieces_;
}

std::size_t WriteQueue::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void WriteQueue::Loop() {
  std::deque<Piece*> batch;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
      ++batches_;
      pieces_ += batch.size();
    }
    Commit(batch);
    batch.clear();
  }
}

void WriteQueue::Commit(std::deque<Piece*>& batch) {
  Result<std::unique_ptr<Transaction>> tx = store_.Begin(Access::kReadWrite);
  if (!tx.ok()) {
    for (Piece* piece : batch) piece->done.set_value(tx.error());
    return;
  }
  std::vector<Status> results;
  results.reserve(batch.size());
  Status whole = Ok();  // an error that leaves the transaction unusable: nothing is committed
  for (Piece* piece : batch) {
    whole = (*tx)->Savepoint();
    if (!whole.ok()) break;
    Status done = Ok();
    try {
      done = (*piece->work)(**tx);
    } catch (...) {
      done = Error::Unavailable("Lỗi khi ghi dữ liệu; không có gì được ghi");
    }
    // A piece's writes are kept or undone; when neither is possible, the batch is undone.
    whole = done.ok() ? (*tx)->ReleaseSavepoint() : (*tx)->RollbackToSavepoint();
    if (!whole.ok()) break;
    results.push_back(done);
  }
  if (whole.ok()) whole = (*tx)->Commit();
  // Without a commit the transaction rolls back when destroyed: before anyone is answered.
  tx->reset();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const bool own_error = i < results.size() && !results[i].ok();
    batch[i]->done.set_value(own_error ? results[i] : whole);
  }
}

}  // namespace ptdv

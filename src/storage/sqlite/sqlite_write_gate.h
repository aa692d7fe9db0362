#pragma once

// One writing transaction at a time within the process, in the order they asked (a ticket lock).
//
// SQLite lets one transaction write at a time; the others wait in its busy handler, which sleeps
// and tries again. A writer that commits and begins again at once (the group commit's writer,
// service/write_queue.h) then wins the lock nearly every time, and a session's touch or a login
// waited for seconds. Writers of this process take a ticket here before BEGIN IMMEDIATE and are
// let in in ticket order; SQLite's busy handler still arbitrates with other processes (the CLI).
// Thread-safe.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <utility>

namespace ptdv {

class SqliteWriteGate {
 public:
  // Held while a transaction may write (it may outlive the store: it shares the gate); leaves
  // the gate when destroyed.
  class Pass {
   public:
    explicit Pass(std::shared_ptr<SqliteWriteGate> gate) : gate_(std::move(gate)) {}
    Pass(Pass&& other) noexcept = default;
    Pass& operator=(Pass&& other) noexcept = delete;
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;
    ~Pass() {
      if (gate_ != nullptr) gate_->Leave();
    }

   private:
    std::shared_ptr<SqliteWriteGate> gate_;
  };

  // Writers waiting for their turn (the one inside not counted).
  std::size_t Waiting() const {
    std::lock_guard lock(mutex_);
    const std::uint64_t waiting = next_ - serving_ - given_up_.size();
    return waiting == 0 ? 0 : static_cast<std::size_t>(waiting - (inside_ ? 1 : 0));
  }

  // Waits for the caller's turn at `gate`; nullopt when `timeout` passed first (the turn is
  // given up).
  static std::optional<Pass> Enter(const std::shared_ptr<SqliteWriteGate>& gate,
                                   std::chrono::milliseconds timeout) {
    std::unique_lock lock(gate->mutex_);
    const std::uint64_t ticket = gate->next_++;
    if (!gate->turn_.wait_for(lock, timeout, [&] { return gate->serving_ == ticket; })) {
      gate->given_up_.insert(ticket);
      return std::nullopt;
    }
    gate->inside_ = true;
    return std::optional<Pass>(std::in_place, gate);
  }

 private:
  void Leave() {
    {
      std::lock_guard lock(mutex_);
      inside_ = false;
      ++serving_;
      while (given_up_.erase(serving_) > 0) ++serving_;
    }
    turn_.notify_all();
  }

  mutable std::mutex mutex_;
  std::condition_variable turn_;
  std::uint64_t next_ = 0;            // guarded by mutex_, as the members below
  std::uint64_t serving_ = 0;         // the ticket let in (or next to be)
  std::set<std::uint64_t> given_up_;  // tickets whose holders stopped waiting
  bool inside_ = false;               // the ticket served holds its pass
};

}  // namespace ptdv

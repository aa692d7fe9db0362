#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "domain/result.h"

namespace ptdv {

// Connections to one database, reused across transactions, for any backend's `Connection`
// (SqliteConnection, PgConnection: InTransaction(), Run("ROLLBACK"), Healthy()). A connection is
// lent to one transaction at a time; at most `max_connections` exist at once. Thread-safe.
// Held by shared_ptr: a Lease keeps the pool alive, so a transaction may outlive its Store.
template <typename Connection>
class ConnectionPool : public std::enable_shared_from_this<ConnectionPool<Connection>> {
 public:
  using Opener = std::function<Result<std::unique_ptr<Connection>>()>;

  // Opens one connection right away, so that a bad address or an unusable database fails here
  // (kUnavailable). `wait`: how long Acquire() waits for a connection to be given back.
  static Result<std::shared_ptr<ConnectionPool>> Open(Opener open, int max_connections,
                                                      std::chrono::milliseconds wait) {
    PTDV_ASSIGN_OR_RETURN(std::unique_ptr<Connection> first, open());
    std::shared_ptr<ConnectionPool> pool(
        new ConnectionPool(std::move(open), std::max(max_connections, 1), wait));
    pool->idle_.push_back(std::move(first));
    pool->open_ = 1;
    return pool;
  }

  // A connection on loan. Given back on destruction; a connection left inside a transaction is
  // rolled back first, and dropped if even that fails or it is broken.
  class Lease {
   public:
    Lease(std::shared_ptr<ConnectionPool> pool, std::unique_ptr<Connection> connection)
        : pool_(std::move(pool)), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (connection_ != nullptr) pool_->GiveBack(std::move(connection_));
    }

    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    std::shared_ptr<ConnectionPool> pool_;
    std::unique_ptr<Connection> connection_;
  };

  // An idle connection, or a new one while fewer than max_connections exist; otherwise waits
  // up to `wait` for one to be given back. kUnavailable on timeout or when opening fails.
  Result<Lease> Acquire() {
    {
      std::unique_lock lock(mutex_);
      const bool available = returned_.wait_for(
          lock, wait_, [this] { return !idle_.empty() || open_ < max_connections_; });
      if (!available) {
        return Error::Unavailable("Cơ sở dữ liệu đang bận, vui lòng thử lại sau giây lát");
      }
      if (!idle_.empty()) {
        std::unique_ptr<Connection> connection = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this->shared_from_this(), std::move(connection));
      }
      ++open_;  // reserve the slot; open outside the lock
    }
    Result<std::unique_ptr<Connection>> opened = open_connection_();
    if (!opened.ok()) {
      {
        std::lock_guard lock(mutex_);
        --open_;
      }
      returned_.notify_one();
      return opened.error();
    }
    return Lease(this->shared_from_this(), std::move(opened).value());
  }

 private:
  ConnectionPool(Opener open, int max_connections, std::chrono::milliseconds wait)
      : open_connection_(std::move(open)), max_connections_(max_connections), wait_(wait) {}

  void GiveBack(std::unique_ptr<Connection> connection) {
    if (connection->InTransaction()) {
      // A transaction that was neither committed nor rolled back: end it before reuse.
      (void)connection->Run("ROLLBACK");
    }
    {
      std::lock_guard lock(mutex_);
      if (connection->InTransaction() || !connection->Healthy()) {
        --open_;  // unusable: close it (below, outside the lock)
      } else {
        idle_.push_back(std::move(connection));
      }
    }
    returned_.notify_one();
    connection.reset();
  }

  const Opener open_connection_;
  const int max_connections_;
  const std::chrono::milliseconds wait_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  int open_ = 0;                                   // guarded by mutex_: idle + on loan
};

}  // namespace ptdv

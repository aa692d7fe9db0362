#include "storage/sqlite/sqlite_connection_pool.h"

#include <utility>

namespace ptdv {

Result<std::shared_ptr<SqliteConnectionPool>> SqliteConnectionPool::Open(std::string path,
                                                                         SqliteOptions options) {
  if (options.max_connections < 1) options.max_connections = 1;
  PTDV_ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> first,
                        SqliteConnection::Open(path, options));
  std::shared_ptr<SqliteConnectionPool> pool(new SqliteConnectionPool(std::move(path), options));
  pool->idle_.push_back(std::move(first));
  pool->open_ = 1;
  return pool;
}

SqliteConnectionPool::Lease::Lease(std::shared_ptr<SqliteConnectionPool> pool,
                                   std::unique_ptr<SqliteConnection> connection)
    : pool_(std::move(pool)), connection_(std::move(connection)) {}

SqliteConnectionPool::Lease::~Lease() {
  if (connection_ != nullptr) pool_->GiveBack(std::move(connection_));
}

Result<SqliteConnectionPool::Lease> SqliteConnectionPool::Acquire() {
  {
    std::unique_lock lock(mutex_);
    const bool available = returned_.wait_for(lock, options_.busy_timeout, [this] {
      return !idle_.empty() || open_ < options_.max_connections;
    });
    if (!available) {
      return Error::Unavailable("Cơ sở dữ liệu đang bận, vui lòng thử lại sau giây lát");
    }
    if (!idle_.empty()) {
      std::unique_ptr<SqliteConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(shared_from_this(), std::move(connection));
    }
    ++open_;  // reserve the slot; open outside the lock
  }
  Result<std::unique_ptr<SqliteConnection>> opened = SqliteConnection::Open(path_, options_);
  if (!opened.ok()) {
    {
      std::lock_guard lock(mutex_);
      --open_;
    }
    returned_.notify_one();
    return opened.error();
  }
  return Lease(shared_from_this(), std::move(opened).value());
}

void SqliteConnectionPool::GiveBack(std::unique_ptr<SqliteConnection> connection) {
  if (connection->InTransaction()) {
    // A transaction that was neither committed nor rolled back: end it before reuse.
    (void)connection->Run("ROLLBACK");
  }
  {
    std::lock_guard lock(mutex_);
    if (connection->InTransaction()) {
      --open_;  // unusable: close it (below, outside the lock)
    } else {
      idle_.push_back(std::move(connection));
    }
  }
  returned_.notify_one();
  connection.reset();
}

}  // namespace ptdv

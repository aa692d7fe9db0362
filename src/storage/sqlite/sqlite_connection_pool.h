#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "domain/result.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {

// Connections to one database file, reused across transactions. A connection is lent to one
// transaction at a time; at most options.max_connections exist at once. Thread-safe.
// Held by shared_ptr: a Lease keeps the pool alive, so a transaction may outlive its Store.
class SqliteConnectionPool : public std::enable_shared_from_this<SqliteConnectionPool> {
 public:
  // Opens one connection right away, so that a bad path or an unusable file fails here
  // (kUnavailable).
  static Result<std::shared_ptr<SqliteConnectionPool>> Open(std::string path,
                                                            SqliteOptions options);

  // A connection on loan. Given back on destruction; a connection left inside a transaction is
  // rolled back first, and dropped if even that fails.
  class Lease {
   public:
    Lease(std::shared_ptr<SqliteConnectionPool> pool, std::unique_ptr<SqliteConnection> connection);
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    SqliteConnection& operator*() const { return *connection_; }
    SqliteConnection* operator->() const { return connection_.get(); }

   private:
    std::shared_ptr<SqliteConnectionPool> pool_;
    std::unique_ptr<SqliteConnection> connection_;
  };

  // An idle connection, or a new one while fewer than max_connections exist; otherwise waits
  // up to busy_timeout for one to be given back. kUnavailable on timeout or when opening fails.
  Result<Lease> Acquire();

  const std::string& path() const { return path_; }

 private:
  SqliteConnectionPool(std::string path, SqliteOptions options)
      : path_(std::move(path)), options_(options) {}
  void GiveBack(std::unique_ptr<SqliteConnection> connection);

  const std::string path_;
  const SqliteOptions options_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;  // guarded by mutex_
  int open_ = 0;                                         // guarded by mutex_: idle + on loan
};

}  // namespace ptdv

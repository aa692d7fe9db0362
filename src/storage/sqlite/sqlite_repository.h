#pragma once

#include "storage/store.h"

namespace ptdv {

class SqliteConnection;

// The base of the SQLite repositories: `Interface` (a repository of storage/store.h) working on
// one connection, in the transaction open on it. `connection` must outlive the repository.
template <typename Interface>
class SqliteRepository : public Interface {
 public:
  explicit SqliteRepository(SqliteConnection& connection) : connection_(connection) {}

 protected:
  SqliteConnection& connection_;
};

}  // namespace ptdv

#pragma once

#include "storage/store.h"

namespace ptdv {

// UserRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h) (table
// user_account of migrations/sqlite/0002_accounts.sql). Instants are stored as INTEGER Unix
// seconds.
template <typename Db>
class SqlUserRepository final : public UserRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlUserRepository(Db& connection) : connection_(connection) {}

  // The login is stored as given: the CHECK refuses one that is not lowercase (kInvalid).
  Result<Id> Insert(const User& user) override;
  Status Update(const User& user) override;
  Result<User> Get(Id id) override;
  // Lowercases `login` (ASCII) before the lookup: stored logins are lowercase.
  Result<User> GetByLogin(const std::string& login) override;
  Result<std::vector<User>> List() override;
  Result<int> RecordFailedLogin(Id id) override;
  Status SetLockedUntil(Id id, std::optional<Instant> locked_until) override;
  Status RecordSuccessfulLogin(Id id, Instant at) override;

 private:
  Db& connection_;
};

}  // namespace ptdv

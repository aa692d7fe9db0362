#pragma once

#include "storage/store.h"

namespace ptdv {

// SessionRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h) (table
// user_session of migrations/sqlite/0002_accounts.sql). Instants are stored as INTEGER Unix
// seconds.
template <typename Db>
class SqlSessionRepository final : public SessionRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlSessionRepository(Db& connection) : connection_(connection) {}

  Result<Id> Insert(const Session& session) override;
  Result<Session> GetByTokenHash(const std::string& token_hash) override;
  // Ordered by id (oldest first).
  Result<std::vector<Session>> ListForUser(Id user_id) override;
  Status Touch(Id id, Instant last_seen_at, const std::string& address) override;
  Status Delete(Id id) override;
  Result<int> DeleteForUser(Id user_id) override;
  Result<int> DeleteExpired(Instant idle_before, Instant created_before) override;

 private:
  Db& connection_;
};

}  // namespace ptdv

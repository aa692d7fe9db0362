#pragma once

#include "storage/sqlite/sqlite_repository.h"

namespace ptdv {

// SessionRepository on an open SQLite transaction (table user_session of
// migrations/sqlite/0002_accounts.sql). Instants are stored as INTEGER Unix seconds.
class SqliteSessionRepository final : public SqliteRepository<SessionRepository> {
 public:
  using SqliteRepository::SqliteRepository;

  Result<Id> Insert(const Session& session) override;
  Result<Session> GetByTokenHash(const std::string& token_hash) override;
  // Ordered by id (oldest first).
  Result<std::vector<Session>> ListForUser(Id user_id) override;
  Status Touch(Id id, Instant last_seen_at, const std::string& address) override;
  Status Delete(Id id) override;
  Result<int> DeleteForUser(Id user_id) override;
  Result<int> DeleteExpired(Instant idle_before, Instant created_before) override;
};

}  // namespace ptdv

#pragma once

#include "storage/store.h"

namespace ptdv {

// CandidateLinkRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h).
template <typename Db>
class SqlCandidateLinkRepository final : public CandidateLinkRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlCandidateLinkRepository(Db& connection) : connection_(connection) {}

  Result<Id> Insert(const CandidateLink& link) override;
  Result<CandidateLink> Get(Id id) override;
  Result<std::optional<CandidateLink>> FindByTokenHash(const std::string& token_hash) override;
  Result<std::vector<CandidateLink>> ListForCase(Id case_id) override;
  Status Revoke(Id id, std::chrono::sys_seconds at, const std::string& by) override;
  Status RecordView(Id id, std::chrono::sys_seconds at) override;

 private:
  Db& connection_;
};

}  // namespace ptdv

#pragma once

#include "storage/store.h"

namespace ptdv {

// DigestSubscriptionRepository on an open transaction of a `Db` connection
// (storage/sql/sql_query.h).
template <typename Db>
class SqlDigestSubscriptionRepository final : public DigestSubscriptionRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlDigestSubscriptionRepository(Db& connection) : connection_(connection) {}

  Result<std::optional<DigestSubscription>> Get(Id user_id) override;
  Status Put(const DigestSubscription& subscription) override;
  Result<std::vector<DigestSubscription>> ListEnabled() override;
  Status MarkSent(Id user_id, Date day) override;

 private:
  Db& connection_;
};

}  // namespace ptdv

#include "storage/sql/sql_digest_subscription_repository.h"

#include "storage/not_found.h"
#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

constexpr std::string_view kWhat = "đăng ký nhận tóm tắt";

constexpr std::string_view kGet =
    "SELECT user_id, email, enabled, updated_at, last_sent_on FROM digest_subscription"
    " WHERE user_id = ?";

constexpr std::string_view kUserExists = "SELECT count(*) FROM user_account WHERE id = ?";

// Portable upsert: PostgreSQL accepts the same ON CONFLICT clause.
constexpr std::string_view kPut =
    "INSERT INTO digest_subscription (user_id, email, enabled, updated_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, enabled = excluded.enabled,"
    " updated_at = excluded.updated_at";

constexpr std::string_view kListEnabled =
    "SELECT user_id, email, enabled, updated_at, last_sent_on FROM digest_subscription"
    " WHERE enabled = 1 ORDER BY user_id";

constexpr std::string_view kMarkSent =
    "UPDATE digest_subscription SET last_sent_on = ? WHERE user_id = ?";

constexpr auto ReadSubscription = [](auto& row) -> DigestSubscription {
  DigestSubscription s;
  row.Read(s.user_id, s.email, s.enabled, s.updated_at, s.last_sent_on);
  return s;
};

}  // namespace

template <typename Db>
Result<std::optional<DigestSubscription>> SqlDigestSubscriptionRepository<Db>::Get(Id user_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kGet, user_id));
  return ReadFirst(statement, ReadSubscription);
}

template <typename Db>
Status SqlDigestSubscriptionRepository<Db>::Put(const DigestSubscription& s) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement exists, connection_.Prepare(kUserExists, s.user_id));
  PTDV_ASSIGN_OR_RETURN(std::int64_t users, ReadInt(exists));
  if (users == 0) return Error::Invalid("Không có tài khoản này", "user_id");
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kPut));
  statement.Bind(s.user_id, s.email, s.enabled, s.updated_at);
  return statement.Run();
}

template <typename Db>
Result<std::vector<DigestSubscription>> SqlDigestSubscriptionRepository<Db>::ListEnabled() {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kListEnabled));
  return ReadAll(statement, ReadSubscription);
}

template <typename Db>
Status SqlDigestSubscriptionRepository<Db>::MarkSent(Id user_id, Date day) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kMarkSent));
  statement.Bind(day, user_id);
  return RunChangingRow(statement, kWhat, user_id);
}

template class SqlDigestSubscriptionRepository<SqliteConnection>;
template class SqlDigestSubscriptionRepository<PgConnection>;

}  // namespace ptdv

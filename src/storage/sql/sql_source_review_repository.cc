#include "storage/sql/sql_source_review_repository.h"

#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO source_review (org_id, reviewed_on, note, actor, recorded_at)"
    " VALUES (?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kListForOrganisations =
    "SELECT r.id, r.org_id, r.reviewed_on, r.note, r.actor, r.recorded_at"
    " FROM source_review r WHERE r.org_id IN (SELECT f.id FROM temp.ptdv_filter_id f)"
    " ORDER BY r.reviewed_on DESC, r.id DESC";

constexpr auto ReadSourceReview = [](auto& row) -> SourceReview {
  SourceReview r;
  row.Read(r.id, r.org_id, r.reviewed_on, r.note, r.actor, r.recorded_at);
  return r;
};

}  // namespace

template <typename Db>
Result<Id> SqlSourceReviewRepository<Db>::Insert(const SourceReview& review) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsert));
  statement.Bind(review.org_id, review.reviewed_on, review.note, review.actor, review.recorded_at);
  return InsertReturningId(statement);
}

template <typename Db>
Result<std::vector<SourceReview>> SqlSourceReviewRepository<Db>::ListForOrganisations(
    const std::vector<Id>& org_ids) {
  return ReadAllForIds(connection_, org_ids, kListForOrganisations, ReadSourceReview);
}

template class SqlSourceReviewRepository<SqliteConnection>;
template class SqlSourceReviewRepository<PgConnection>;

}  // namespace ptdv

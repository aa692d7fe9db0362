#pragma once

#include "storage/store.h"

namespace ptdv {

// PersonRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h).
template <typename Db>
class SqlPersonRepository final : public PersonRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlPersonRepository(Db& connection) : connection_(connection) {}

  Result<Id> Insert(const Person& person) override;
  Status Update(const Person& person) override;
  Result<Person> Get(Id id) override;
  // `ids` travel through the IdSet::kFilter temp table.
  Result<std::vector<Person>> GetMany(const std::vector<Id>& ids) override;
  Result<std::vector<std::pair<Id, int>>> Versions(const std::vector<Id>& ids) override;
  // The substring match is `search_key LIKE '%' || ? || '%' ESCAPE '\'` with %, _ and \ of the
  // input escaped, so they match themselves. `org_ids` (possibly thousands) travel through the
  // IdSet::kFilter temp table. Ordered by search_key (the name without diacritics), then id.
  Result<std::vector<Person>> Search(const std::string& search_key, const std::vector<Id>& org_ids,
                                     int limit) override;
  Result<std::vector<Person>> FindByIdNumber(const std::string& id_number) override;
  // `org_ids` travel through the IdSet::kFilter temp table.
  Result<std::vector<Person>> FindSameNameAndBirthDate(const std::string& search_key,
                                                       Date birth_date,
                                                       const std::vector<Id>& org_ids,
                                                       int limit) override;

 private:
  Db& connection_;
};

// `text` with \, % and _ escaped by a backslash, for LIKE ... ESCAPE '\'.
std::string EscapeLikePattern(std::string_view text);

}  // namespace ptdv

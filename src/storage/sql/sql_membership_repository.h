#pragma once

#include "storage/store.h"

namespace ptdv {

// MembershipRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h). Kinds
// are stored as "probationary" / "official" (the CHECK in migrations/sqlite/0001_init.sql lists the
// same codes).
template <typename Db>
class SqlMembershipRepository final : public MembershipRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlMembershipRepository(Db& connection) : connection_(connection) {}

  Result<Id> Insert(const Membership& membership) override;
  // kNotFound if absent; kConflict if the membership is already closed.
  Status Close(Id membership_id, Date valid_to) override;
  // When periods overlap (bad data), the one that started last.
  Result<std::optional<Membership>> ValidOn(Id person_id, Date on) override;
  Result<std::vector<Membership>> ListForPerson(Id person_id) override;  // by valid_from
  // `person_ids` travel through the IdSet::kFilter temp table.
  Result<std::vector<Membership>> ListForPeople(const std::vector<Id>& person_ids) override;
  // Distinct people: a person with two overlapping official rows counts once.
  Result<int> CountOfficial(Id org_id, Date on) override;
  // `org_ids` travel through the IdSet::kFilter temp table.
  Result<std::vector<std::pair<Id, int>>> CountOfficialEach(const std::vector<Id>& org_ids,
                                                            Date on) override;
  Result<std::vector<Id>> OfficialMembers(Id org_id, Date on) override;  // ordered by id
  // `org_ids` travel through the IdSet::kFilter temp table.
  Result<std::vector<MemberCount>> CountByOrganisation(const std::vector<Id>& org_ids,
                                                       Date on) override;

 private:
  Db& connection_;
};

}  // namespace ptdv

#pragma once

#include "storage/store.h"

namespace ptdv {

// MassOrganisationRepository on an open transaction of a `Db` connection
// (storage/sql/sql_query.h). Id lists travel through the IdSet::kFilter temp table.
template <typename Db>
class SqlMassOrganisationRepository final : public MassOrganisationRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlMassOrganisationRepository(Db& connection) : connection_(connection) {}

  Result<Id> Insert(const MassOrganisation& organisation) override;
  Result<MassOrganisation> Get(Id id) override;
  Result<std::vector<MassOrganisation>> ListForUnits(const std::vector<Id>& org_ids) override;
  Status Move(Id id, Id org_id) override;
  Result<Id> InsertNomination(const Nomination& nomination) override;
  Status DecideNomination(const Nomination& nomination) override;
  Result<Nomination> GetNomination(Id id) override;
  Result<std::vector<Nomination>> ListNominations(
      const std::vector<Id>& mass_organisation_ids) override;
  Result<std::vector<Nomination>> NominationsOfCases(const std::vector<Id>& case_ids) override;
  Result<Id> InsertOpinion(const Opinion& opinion) override;
  Result<std::vector<Opinion>> OpinionsOnCases(const std::vector<Id>& case_ids) override;
  Result<std::vector<std::pair<Id, int>>> CountOpinions(
      const std::vector<Id>& mass_organisation_ids) override;

 private:
  Db& connection_;
};

}  // namespace ptdv

#include "storage/sql/sql_rule_set_repository.h"

#include <fmt/format.h>

#include <unordered_map>

#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

constexpr std::string_view kSelectIdByCode = "SELECT id FROM rule_set WHERE code = ?";
constexpr std::string_view kInsertSet =
    "INSERT INTO rule_set (code, legal_basis, in_force_from, in_force_to) "
    "VALUES (?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdateSet =
    "UPDATE rule_set SET legal_basis = ?, in_force_from = ?, in_force_to = ? WHERE id = ?";
constexpr std::string_view kDeleteParameters = "DELETE FROM rule_parameter WHERE rule_set_id = ?";
constexpr std::string_view kInsertParameter =
    "INSERT INTO rule_parameter (rule_set_id, name, value) VALUES (?, ?, ?)";
constexpr std::string_view kSelectSets =
    "SELECT id, code, legal_basis, in_force_from, in_force_to FROM rule_set "
    "ORDER BY in_force_from, code";
constexpr std::string_view kSelectParameters =
    "SELECT rule_set_id, name, value FROM rule_parameter ORDER BY rule_set_id, name";

}  // namespace

template <typename Db>
Status SqlRuleSetRepository<Db>::Put(const RuleSet& rule_set) {
  std::optional<Id> id;
  {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement select,
                          connection_.Prepare(kSelectIdByCode, rule_set.code));
    PTDV_ASSIGN_OR_RETURN(bool found, select.Step());
    if (found) id = select.Int(0);
  }
  if (id) {
    {
      PTDV_ASSIGN_OR_RETURN(typename Db::Statement update, connection_.Prepare(kUpdateSet));
      PTDV_RETURN_IF_ERROR(
          update.Bind(rule_set.legal_basis, rule_set.in_force_from, rule_set.in_force_to, *id)
              .Run());
    }
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement clear, connection_.Prepare(kDeleteParameters));
    PTDV_RETURN_IF_ERROR(clear.BindInt(*id).Run());
  } else {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement insert, connection_.Prepare(kInsertSet));
    insert.Bind(rule_set.code, rule_set.legal_basis, rule_set.in_force_from, rule_set.in_force_to);
    PTDV_ASSIGN_OR_RETURN(id, InsertReturningId(insert));
  }
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement insert, connection_.Prepare(kInsertParameter));
  for (const RuleParameter& parameter : RuleParameters()) {
    PTDV_ASSIGN_OR_RETURN(long value, GetRuleParameter(rule_set, parameter.name));
    PTDV_RETURN_IF_ERROR(insert.Bind(*id, parameter.name, static_cast<std::int64_t>(value)).Run());
    insert.Reset();
  }
  return Ok();
}

template <typename Db>
Result<std::vector<RuleSet>> SqlRuleSetRepository<Db>::List() {
  std::vector<RuleSet> sets;
  std::unordered_map<Id, std::size_t> index;
  {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelectSets));
    PTDV_RETURN_IF_ERROR(ForEachRow(statement, [&sets, &index](auto& row) {
      Id id = 0;
      RuleSet set;  // parameters start at their defaults
      row.Read(id, set.code, set.legal_basis, set.in_force_from, set.in_force_to);
      index[id] = sets.size();
      sets.push_back(std::move(set));
    }));
  }
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelectParameters));
  PTDV_RETURN_IF_ERROR(ForEachRow(statement, [&sets, &index](auto& row) -> Status {
    Id id = 0;
    std::string name;
    std::int64_t value = 0;
    row.Read(id, name, value);
    auto it = index.find(id);
    if (it == index.end()) return Ok();
    RuleSet& set = sets[it->second];
    Status applied = SetRuleParameter(set, name, static_cast<long>(value));
    if (!applied.ok()) {
      return Error::Invalid(fmt::format("Bộ quy tắc {}: {}", set.code, applied.error().message));
    }
    return Ok();
  }));
  return sets;
}

template class SqlRuleSetRepository<SqliteConnection>;
template class SqlRuleSetRepository<PgConnection>;

}  // namespace ptdv

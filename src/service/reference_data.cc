#include "service/reference_data.h"

#include <fmt/format.h>

#include <boost/json/object.hpp>
#include <set>

#include "domain/calendar_file.h"
#include "domain/rule_code.h"
#include "service/json_codec.h"

namespace ptdv {

Status EnsureReferenceData(Store& store, const Clock& clock, std::string_view calendar_csv) {
  PTDV_ASSIGN_OR_RETURN(auto shipped_years, ParseCalendarFile(calendar_csv));
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(auto rule_sets, tx->RuleSets().List());
  std::set<std::string> have_rules;
  for (const auto& r : rule_sets) have_rules.insert(r.code);
  bool changed = false;
  for (const auto& r : DefaultRuleSets()) {
    if (have_rules.contains(r.code)) continue;
    PTDV_RETURN_IF_ERROR(tx->RuleSets().Put(r));
    PTDV_RETURN_IF_ERROR(tx->Audit().Append({.at = clock.NowIso(),
                                             .actor = "system",
                                             .role = "system",
                                             .address = "local",
                                             .action = "rule_set.seed",
                                             .entity = "rule_set",
                                             .after = ToJson(r)}));
    changed = true;
  }
  PTDV_ASSIGN_OR_RETURN(auto years, tx->Calendar().ListYears());
  std::set<int> have_years;
  for (const auto& y : years) have_years.insert(y.year);
  for (const auto& y : shipped_years) {
    if (have_years.contains(y.year)) continue;
    PTDV_RETURN_IF_ERROR(tx->Calendar().PutYear(y));
    PTDV_RETURN_IF_ERROR(tx->Audit().Append({.at = clock.NowIso(),
                                             .actor = "system",
                                             .role = "system",
                                             .address = "local",
                                             .action = "calendar.seed",
                                             .entity = "calendar_year",
                                             .entity_id = y.year,
                                             .after = ToJson(y)}));
    changed = true;
  }
  if (!changed) return Ok();
  return tx->Commit();
}

Result<std::vector<RuleSet>> LoadRuleSets(Store& store) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(auto rule_sets, tx->RuleSets().List());
  if (rule_sets.empty()) return DefaultRuleSets();
  return rule_sets;
}

boost::json::array RuleTable() {
  boost::json::array rules;
  for (const RuleCodeInfo& row : RuleCodes()) {
    rules.push_back(boost::json::object{
        {"code", row.code}, {"label", row.label}, {"legal_basis", row.legal_basis}});
  }
  return rules;
}

Result<WorkingCalendar> LoadCalendar(Store& store) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(auto years, tx->Calendar().ListYears());
  return WorkingCalendar(std::move(years));
}

Result<int> ImportCalendar(Store& store, const Clock& clock, std::string_view actor,
                           std::string_view calendar_csv) {
  PTDV_ASSIGN_OR_RETURN(auto years, ParseCalendarFile(calendar_csv));
  if (years.empty()) return Error::Invalid("Tệp lịch không có năm nào", "file");
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(auto stored, tx->Calendar().ListYears());
  for (const auto& y : years) {
    std::string before;
    for (const auto& s : stored) {
      if (s.year == y.year) before = ToJson(s);
    }
    PTDV_RETURN_IF_ERROR(tx->Calendar().PutYear(y));
    PTDV_RETURN_IF_ERROR(tx->Audit().Append({.at = clock.NowIso(),
                                             .actor = std::string(actor),
                                             .role = "admin",
                                             .address = "cli",
                                             .action = "calendar.override",
                                             .entity = "calendar_year",
                                             .entity_id = y.year,
                                             .before = before,
                                             .after = ToJson(y)}));
  }
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return static_cast<int>(years.size());
}

Status SetRuleSetParameter(Store& store, const Clock& clock, std::string_view actor,
                           std::string_view code, std::string_view name, long value) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(auto rule_sets, tx->RuleSets().List());
  for (auto& r : rule_sets) {
    if (r.code != code) continue;
    std::string before = ToJson(r);
    PTDV_RETURN_IF_ERROR(SetRuleParameter(r, name, value));
    PTDV_RETURN_IF_ERROR(tx->RuleSets().Put(r));
    PTDV_RETURN_IF_ERROR(tx->Audit().Append({.at = clock.NowIso(),
                                             .actor = std::string(actor),
                                             .role = "admin",
                                             .address = "cli",
                                             .action = "rule_set.update",
                                             .entity = "rule_set",
                                             .before = before,
                                             .after = ToJson(r)}));
    return tx->Commit();
  }
  return Error::NotFound(fmt::format("Không có bộ quy định «{}»", code));
}

}  // namespace ptdv

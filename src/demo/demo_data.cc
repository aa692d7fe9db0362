#include "demo/demo_data.h"

#include <fmt/format.h>

#include "demo/demo_tables.h"
#include "demo/district_generator.h"
#include "demo/district_writer.h"
#include "demo/province_plan.h"
#include "service/case_context.h"
#include "storage/store.h"

namespace ptdv {

using demo::BatchWriter;
using demo::DistrictData;
using demo::DistrictGenerator;
using demo::DistrictSpec;
using demo::ProvinceSpec;
using demo::TreeFrom;
using demo::TreeTo;
using demo::WriteContext;

Date DefaultDemoDay() { return MakeDate(2023, 11, 15); }

DemoOptions NationPreset(Date today) {
  DemoOptions options;
  options.today = today;
  // ~700 district-level committees (Huế and 699 generated, in ~60 provinces).
  options.scale = 700;
  // Generated districts hold ~7,000 members and, at this factor, ~1,450 open cases each.
  options.case_factor = 4.4;
  options.rows_per_commit = 500000;
  return options;
}

Result<DemoSummary> LoadDemo(Store& store, const DemoOptions& options,
                             const WorkingCalendar& calendar,
                             const std::vector<RuleSet>& rule_sets) {
  if (!(options.scale > 0)) {
    return Error::Invalid("Quy mô dữ liệu mẫu phải lớn hơn 0", "scale");
  }
  if (!(options.case_factor >= 0)) {
    return Error::Invalid("Hệ số hồ sơ không được âm", "case_factor");
  }
  if (rule_sets.empty()) return Error::Invalid("Chưa có bộ quy định nào", "rule_sets");
  if (options.today < TreeFrom()) {
    return Error::Invalid(
        fmt::format("Ngày tham chiếu của dữ liệu mẫu phải từ {} (cây tổ chức 2021-2024)",
                    FormatVnDate(TreeFrom())),
        "today");
  }
  {
    PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
    auto existing = tx->Organisations().GetByCode("TTH");
    if (existing.ok()) {
      return Error::Conflict("Cơ sở dữ liệu đã có dữ liệu mẫu (đơn vị TTH)");
    }
    if (existing.error().code != ErrorCode::kNotFound) return existing.error();
  }

  std::vector<ProvinceSpec> provinces = demo::PlanProvinces(options);
  DemoSummary summary;
  summary.provinces = static_cast<int>(provinces.size());
  for (const auto& p : provinces) summary.districts += static_cast<int>(p.districts.size());

  WriteContext wc{options, calendar, rule_sets, options.today > TreeTo()};
  BatchWriter writer(store, options.rows_per_commit);
  DemoProgress progress;
  progress.districts_total = summary.districts;
  for (const ProvinceSpec& province : provinces) {
    Organisation org;
    org.kind = OrgKind::kProvincialCommittee;
    org.code = province.code;
    org.name = province.name;
    org.valid_from = TreeFrom();
    PTDV_ASSIGN_OR_RETURN(Id province_id, demo::InsertUnit(writer, org));
    ++summary.organisations;
    for (const DistrictSpec& spec : province.districts) {
      double density = spec.hue ? demo::HueDensity(options.scale) : 1.0;
      DistrictData data =
          DistrictGenerator(options, calendar, rule_sets, province, spec, density).Generate();
      PTDV_RETURN_IF_ERROR(demo::WriteDistrict(writer, wc, province_id, spec, data, summary));
      ++progress.districts_done;
      progress.rows_written = writer.rows();
      progress.district = spec.committee;
      if (options.progress) options.progress(progress);
    }
  }
  // One audit entry for the whole load: demo rows are system-made, not users' changes.
  {
    PTDV_ASSIGN_OR_RETURN(Transaction * tx, writer.Tx());
    AuditEntry entry;
    entry.at = FormatIsoDate(options.today) + "T00:00:00Z";
    entry.actor = "system";
    entry.role = "admin";
    entry.address = "cli";
    entry.action = "demo.load";
    entry.entity = "demo";
    entry.after = fmt::format(
        R"({{"seed":{},"scale":{},"case_factor":{},"today":"{}","organisations":{},"people":{},"memberships":{},"cases":{},"events":{}}})",
        options.seed, options.scale, options.case_factor, FormatIsoDate(options.today),
        summary.organisations, summary.people, summary.memberships, summary.cases, summary.events);
    PTDV_RETURN_IF_ERROR(tx->Audit().Append(std::move(entry)));
  }
  PTDV_RETURN_IF_ERROR(writer.Commit());
  return summary;
}

Result<CaseContext> DemoCaseContext(Transaction& tx, const CaseHistory& history,
                                    const std::vector<RuleSet>& rule_sets,
                                    const WorkingCalendar& calendar, Date on) {
  return LoadCaseContext(tx, history, rule_sets, calendar, on, on);
}

}  // namespace ptdv

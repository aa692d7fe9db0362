#include "http/api_json.h"

#include <boost/json.hpp>

#include "service/json_values.h"

namespace ptdv::http {

namespace json = boost::json;

json::object UnitObject(const Organisation& unit) {
  return json::object{{"code", unit.code}, {"name", unit.name}};
}

json::object DeadlineRowObject(const DeadlineRow& row) {
  json::object item{{"case_id", row.header.id},
                    {"person_name", row.person_name},
                    {"stage", StageCode(row.header.stage)}};
  json::value deadline = json::value_from(row.deadline);
  for (auto& field : deadline.as_object()) item.insert(field);
  return item;
}

json::object MassOrganisationObject(const MassOrganisation& m, const Organisation& unit) {
  return json::object{{"id", m.id},
                      {"kind", MassOrgKindCode(m.kind)},
                      {"kind_label", MassOrgKindLabel(m.kind)},
                      {"name", m.name},
                      {"ward", UnitObject(unit)}};
}

json::object NominationObject(const NominationRow& row) {
  const Nomination& n = row.nomination;
  json::value cell = nullptr, stage = nullptr, stage_label = nullptr;
  if (row.cell) cell = UnitObject(*row.cell);
  if (row.source_case) {
    stage = StageCode(row.source_case->stage);
    stage_label = StageLabel(row.source_case->stage);
  }
  return json::object{{"id", n.id},
                      {"mass_organisation", MassOrganisationObject(row.organisation, row.unit)},
                      {"full_name", n.full_name},
                      {"birth_date", FormatIsoDate(n.birth_date)},
                      {"sex", SexCode(n.sex)},
                      {"category", SourceCategoryCode(n.category)},
                      {"category_label", SourceCategoryLabel(n.category)},
                      {"reason", n.reason},
                      {"evidence", n.evidence},
                      {"nominated_on", FormatIsoDate(n.nominated_on)},
                      {"status", NominationStatusCode(n.status)},
                      {"status_label", NominationStatusLabel(n.status)},
                      {"decided_on", DateOrNull(n.decided_on)},
                      {"decision_note", n.decision_note},
                      {"case_id", OrNull(n.case_id)},
                      {"cell", std::move(cell)},
                      {"stage", std::move(stage)},
                      {"stage_label", std::move(stage_label)},
                      {"recorded_by", n.actor}};
}

}  // namespace ptdv::http

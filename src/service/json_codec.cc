#include "service/json_codec.h"

#include <boost/json.hpp>

#include "domain/disclosure.h"
#include "service/json_values.h"

namespace ptdv {
namespace {

namespace json = boost::json;

json::string Str(std::string_view s) { return json::string(s); }

// R15: the facts of a previous membership, on the person.
json::object PreviousMembershipObject(const PreviousMembership& pm) {
  json::object j;
  j["left_on"] = FormatIsoDate(pm.left_on);
  j["ended_by"] = Str(MembershipEndCode(pm.ended_by));
  j["criminal_record"] = Str(CriminalRecordCode(pm.criminal_record));
  j["record_cleared_on"] = DateOrNull(pm.record_cleared_on);
  j["caused_serious_disunity"] = pm.caused_serious_disunity;
  j["readmitted_before"] = pm.readmitted_before;
  j["consent_number"] = pm.consent_number;
  j["consent_date"] = DateOrNull(pm.consent_date);
  return j;
}

// The sensitive fields (DOMAIN §8) are written only for kPersonal; for kPublic the keys are
// absent, not blank. Changes with domain/disclosure.cc, which clears the same fields.
json::object PersonObject(const Person& p, Disclosure disclosure) {
  json::object j;
  j["id"] = p.id;
  j["full_name"] = p.full_name;
  j["sex"] = Str(SexCode(p.sex));
  j["birth_date"] = FormatIsoDate(p.birth_date);
  j["ethnicity"] = p.ethnicity;
  j["religion"] = p.religion;
  j["general_education"] = Str(GeneralEducationCode(p.general_education));
  j["professional_education"] = p.professional_education;
  j["occupation"] = Str(OccupationCode(p.occupation));
  j["workplace_type"] = Str(WorkplaceTypeCode(p.workplace_type));
  j["youth_union_member"] = p.youth_union_member;
  j["trade_union_member"] = p.trade_union_member;
  j["org_id"] = p.org_id;
  j["version"] = p.version;
  if (disclosure == Disclosure::kPersonal) {
    j["id_number"] = p.id_number;
    j["phone"] = p.phone;
    j["address"] = p.address;
    j["previous_membership"] = p.previous_membership
                                   ? json::value(PreviousMembershipObject(*p.previous_membership))
                                   : json::value(nullptr);
  }
  return j;
}

json::object CaseObject(const Case& c) {
  json::object j;
  j["id"] = c.id;
  j["person_id"] = c.person_id;
  j["cell_id"] = c.cell_id;
  j["category"] = Str(SourceCategoryCode(c.category));
  j["stage"] = Str(StageCode(c.stage));
  j["opened_on"] = FormatIsoDate(c.opened_on);
  j["version"] = c.version;
  j["certificate_date"] = DateOrNull(c.certificate_date);
  j["dossier_date"] = DateOrNull(c.dossier_date);
  j["cell_vote_date"] = DateOrNull(c.cell_vote_date);
  j["decision_date"] = DateOrNull(c.decision_date);
  j["ceremony_date"] = DateOrNull(c.ceremony_date);
  j["official_date"] = DateOrNull(c.official_date);
  j["closed_on"] = DateOrNull(c.closed_on);
  j["next_deadline"] = DateOrNull(c.next_deadline);
  j["next_deadline_rule"] = c.next_deadline_rule;
  return j;
}

json::object EventObject(const CaseEvent& e) {
  json::object j;
  j["id"] = e.id;
  j["case_id"] = e.case_id;
  j["seq"] = e.seq;
  j["action"] = Str(ActionCode(e.action));
  j["date"] = FormatIsoDate(e.date);
  j["actor"] = e.actor;
  j["recorded_at"] = e.recorded_at;
  json::array docs;
  for (const auto& d : e.documents) {
    docs.push_back(json::object{{"form_code", d.form_code},
                                {"number", d.number},
                                {"date", DateOrNull(d.date)},
                                {"issuer", d.issuer}});
  }
  j["documents"] = std::move(docs);
  if (e.vote) {
    j["vote"] = json::object{{"eligible", e.vote->eligible},
                             {"present", e.vote->present},
                             {"in_favour", e.vote->in_favour},
                             {"against", e.vote->against}};
  }
  if (e.member_person_id) j["member_person_id"] = *e.member_person_id;
  if (e.together_since) j["together_since"] = FormatIsoDate(*e.together_since);
  if (e.replacement == Replacement::kYes) j["replacement"] = true;
  if (!e.relative_name.empty()) j["relative_name"] = e.relative_name;
  if (e.relation) j["relation"] = Str(RelationCode(*e.relation));
  if (e.relative_is_member) j["relative_is_member"] = true;
  if (e.finding != Finding::kPending) j["finding"] = Str(FindingCode(e.finding));
  if (e.consent) j["consent"] = Str(ConsentKindCode(*e.consent));
  if (e.received_on) j["received_on"] = FormatIsoDate(*e.received_on);
  if (e.extension_working_days) j["extension_working_days"] = e.extension_working_days;
  if (!e.note.empty()) j["note"] = e.note;
  return j;
}

}  // namespace

std::string ToJson(const Organisation& org) { return json::serialize(OrgObject(org)); }
std::string ToJson(const Person& person) { return ToJson(person, Disclosure::kPersonal); }

std::string ToJson(const Person& person, Disclosure disclosure) {
  return json::serialize(PersonObject(Disclosed(person, disclosure), disclosure));
}

std::string ToJson(const Membership& m) {
  json::object j;
  j["id"] = m.id;
  j["person_id"] = m.person_id;
  j["org_id"] = m.org_id;
  j["kind"] = m.kind == MembershipKind::kOfficial ? "official" : "probationary";
  j["valid_from"] = FormatIsoDate(m.valid_from);
  j["valid_to"] = DateOrNull(m.valid_to);
  return json::serialize(j);
}

std::string ToJson(const Case& header) { return json::serialize(CaseObject(header)); }
std::string ToJson(const CaseEvent& event) { return json::serialize(EventObject(event)); }

std::string ToJson(const CaseEvent& event, Disclosure disclosure) {
  if (disclosure == Disclosure::kPersonal) return ToJson(event);
  return json::serialize(EventObject(Disclosed(event, disclosure)));
}

std::string ToJson(const RuleSet& r) {
  json::object j;
  j["code"] = r.code;
  j["legal_basis"] = r.legal_basis;
  j["in_force_from"] = FormatIsoDate(r.in_force_from);
  j["in_force_to"] = DateOrNull(r.in_force_to);
  json::object params;
  for (const auto& p : RuleParameters()) {
    auto v = GetRuleParameter(r, p.name);
    if (v.ok()) params[p.name] = *v;
  }
  j["parameters"] = std::move(params);
  return json::serialize(j);
}

std::string ToJson(const CalendarYear& y) {
  json::object j;
  j["year"] = y.year;
  j["replaces_default"] = y.replaces_default;
  j["source"] = y.source;
  json::array days;
  for (const auto& d : y.days) {
    days.push_back(json::object{{"date", FormatIsoDate(d.date)},
                                {"kind", d.kind == DayKind::kHoliday ? "holiday" : "workday"},
                                {"note", d.note}});
  }
  j["days"] = std::move(days);
  return json::serialize(j);
}

std::string ToJson(const Evaluation& ev, Disclosure disclosure) {
  json::object j;
  j["stage"] = Str(StageCode(ev.stage));
  j["stage_label"] = Str(StageLabel(ev.stage));
  j["rule_set"] = ev.rule_set_code;
  json::array actions;
  for (Action a : ev.allowed_actions) actions.push_back(Str(ActionCode(a)));
  j["allowed_actions"] = std::move(actions);
  json::array unmet;
  for (const auto& c : ev.unmet) {
    unmet.push_back(json::object{
        {"rule", CodeOf(c.rule)}, {"message", c.MessageFor(disclosure)}, {"blocking", c.blocking}});
  }
  j["unmet"] = std::move(unmet);
  j["deadlines"] = json::value_from(ev.deadlines);
  j["failed_recognition_votes"] = ev.failed_recognition_votes;
  j["escalated"] = ev.escalated;
  return json::serialize(j);
}

std::string ToJson(const TrainingClass& c) {
  json::object j;
  j["id"] = c.id;
  j["kind"] = Str(ClassKindCode(c.kind));
  j["code"] = c.code;
  j["name"] = c.name;
  j["organiser_id"] = c.organiser_id;
  j["format"] = Str(ClassFormatCode(c.format));
  j["place"] = c.place;
  j["capacity"] = c.capacity;
  j["starts_on"] = FormatIsoDate(c.starts_on);
  j["ends_on"] = FormatIsoDate(c.ends_on);
  j["sessions"] = c.session_count;
  j["min_attendance_percent"] = c.min_attendance_percent;
  j["version"] = c.version;
  return json::serialize(j);
}

std::string ToJson(const Enrolment& e) {
  json::object j;
  j["id"] = e.id;
  j["class_id"] = e.class_id;
  j["person_id"] = e.person_id;
  j["case_id"] = e.case_id;
  j["nominating_org_id"] = e.nominating_org_id;
  j["state"] = Str(EnrolmentStateCode(e.state));
  j["assessment"] = Str(AssessmentCode(e.assessment));
  j["certificate_number"] = e.certificate_number;
  j["certificate_date"] = DateOrNull(e.certificate_date);
  return json::serialize(j);
}

std::string ToJson(const Attendance& a) {
  return json::serialize(json::object{
      {"enrolment_id", a.enrolment_id}, {"session", a.session}, {"present", a.present}});
}

std::string ToJson(const Target& t) {
  json::object j;
  j["id"] = t.id;
  j["org_id"] = t.org_id;
  j["year"] = t.year;
  j["category"] = t.category ? json::value(Str(SourceCategoryCode(*t.category)))
                             : json::value(nullptr);
  j["count"] = t.count;
  j["legal_basis"] = t.legal_basis;
  j["parent_id"] = OrNull(t.parent_id);
  j["split_final"] = t.split_final;
  j["version"] = t.version;
  return json::serialize(j);
}

}  // namespace ptdv

#include "service/source_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <limits>
#include <map>
#include <set>

#include "domain/role.h"
#include "domain/search_key.h"
#include "domain/timestamp.h"
#include "service/audit_subject.h"

namespace ptdv {
namespace {

constexpr std::size_t kMaxNoteLength = 2000;

// The units that keep a list of sources and sympathisers (S0): cells keep it, the grassroots and
// intermediate committees review theirs.
bool KeepsSourceList(OrgKind kind) {
  return kind == OrgKind::kCell || kind == OrgKind::kGrassrootsCell ||
         kind == OrgKind::kGrassrootsCommittee || kind == OrgKind::kIntermediateCommittee;
}

std::string ReviewJson(const SourceReview& r) {
  return boost::json::serialize(boost::json::object{{"id", r.id},
                                                    {"org_id", r.org_id},
                                                    {"reviewed_on", FormatIsoDate(r.reviewed_on)},
                                                    {"note", r.note}});
}

}  // namespace

SourceService::SourceService(Store& store, TargetService& targets, std::vector<RuleSet> rule_sets,
                             const Clock& clock)
    : store_(store), targets_(targets), rule_sets_(std::move(rule_sets)), clock_(clock) {}

Result<SourcePool> SourceService::List(const Actor& actor, Id org_id, const SourceQuery& query) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  PTDV_ASSIGN_OR_RETURN(RuleSet rules, RuleSetInForce(rule_sets_, query.on));
  SourcePool pool;
  pool.review_interval_months = rules.source_review_interval_months;
  {
    PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
    PTDV_ASSIGN_OR_RETURN(pool.org, tx->Organisations().Get(org_id));
    PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org_id));

    // The units of the subtree and those above it: a review recorded at any of them covers the
    // cells below it.
    PTDV_ASSIGN_OR_RETURN(auto units, tx->Organisations().ListSubtree(org_id, query.on));
    PTDV_ASSIGN_OR_RETURN(auto chain, tx->Organisations().Ancestors(org_id));
    std::map<Id, Organisation> unit_of;
    for (auto& u : chain) unit_of.emplace(u.id, std::move(u));
    std::vector<Id> subtree_ids;
    for (auto& u : units) {
      subtree_ids.push_back(u.id);
      unit_of.insert_or_assign(u.id, std::move(u));
    }
    std::vector<Id> unit_ids;
    for (const auto& [id, unit] : unit_of) unit_ids.push_back(id);
    PTDV_ASSIGN_OR_RETURN(auto reviews, tx->SourceReviews().ListForOrganisations(unit_ids));
    std::map<Id, Date> latest_review;  // per unit, up to `on`
    for (const auto& r : reviews) {
      if (r.reviewed_on > query.on) continue;
      auto [it, inserted] = latest_review.emplace(r.org_id, r.reviewed_on);
      if (!inserted) it->second = std::max(it->second, r.reviewed_on);
    }
    std::map<Id, std::optional<Date>> cell_review;  // memo: the latest review covering a cell
    auto review_of = [&](Id cell_id) {
      auto memo = cell_review.find(cell_id);
      if (memo != cell_review.end()) return memo->second;
      std::optional<Date> latest;
      for (std::optional<Id> at = cell_id; at;) {
        if (auto r = latest_review.find(*at); r != latest_review.end()) {
          latest = latest ? std::max(*latest, r->second) : r->second;
        }
        auto u = unit_of.find(*at);
        at = u == unit_of.end() ? std::nullopt : u->second.parent_id;
      }
      cell_review.emplace(cell_id, latest);
      return latest;
    };

    // The pool: cases at stage source or sympathiser, with their events (S0 facts).
    std::vector<CaseRecord> records;
    if (!subtree_ids.empty()) {
      for (Stage stage : {Stage::kSource, Stage::kSympathiser}) {
        CaseFilter filter;
        filter.cell_ids = subtree_ids;
        filter.stage = stage;
        filter.limit = std::numeric_limits<int>::max();
        PTDV_ASSIGN_OR_RETURN(auto part, tx->Cases().ListRecords(filter, EventDocuments::kSkip));
        for (auto& r : part) records.push_back(std::move(r));
      }
    }
    std::vector<SourceFacts> facts;
    std::set<Id> person_ids;
    for (const auto& r : records) {
      facts.push_back(SourceFactsOf(r));
      person_ids.insert(r.header.person_id);
      if (facts.back().helper_person_id) person_ids.insert(*facts.back().helper_person_id);
    }
    PTDV_ASSIGN_OR_RETURN(auto people,
                          tx->People().GetMany({person_ids.begin(), person_ids.end()}));
    std::map<Id, Person> person_of;
    for (auto& p : people) person_of.emplace(p.id, std::move(p));

    std::map<SourceCategory, SourceCategoryLine> lines;
    const std::string key = SearchKey(query.text);
    for (std::size_t i = 0; i < records.size(); ++i) {
      const Case& c = records[i].header;
      SourceCategoryLine& line = lines[c.category];
      ++(c.stage == Stage::kSource ? line.sources : line.sympathisers);
      SourceItem item;
      item.header = c;
      if (auto p = person_of.find(c.person_id); p != person_of.end()) item.person = p->second;
      if (auto cell = unit_of.find(c.cell_id); cell != unit_of.end()) item.cell = cell->second;
      item.facts = facts[i];
      if (item.facts.helper_person_id) {
        if (auto h = person_of.find(*item.facts.helper_person_id); h != person_of.end()) {
          item.helper = h->second;
        }
      }
      item.last_review_on = review_of(c.cell_id);
      item.review_due_on =
          SourceReviewDueOn(item.last_review_on, c.opened_on, rules.source_review_interval_months);
      item.review_overdue = item.review_due_on < query.on;
      if (query.category && c.category != *query.category) continue;
      if (!key.empty() && item.person.search_key.find(key) == std::string::npos) continue;
      if (query.review == ReviewFilter::kOverdue && !item.review_overdue) continue;
      pool.items.push_back(std::move(item));
    }
    std::sort(pool.items.begin(), pool.items.end(), [](const SourceItem& a, const SourceItem& b) {
      return std::tie(a.cell.code, a.person.search_key, a.header.id) <
             std::tie(b.cell.code, b.person.search_key, b.header.id);
    });
    for (int i = 0; i <= static_cast<int>(SourceCategory::kOther); ++i) {
      auto category = static_cast<SourceCategory>(i);
      lines[category].category = category;
    }
    for (auto& [category, line] : lines) pool.by_category.push_back(line);
  }

  // What the targets still need, per category (§7): the unit's targets of the year.
  PTDV_ASSIGN_OR_RETURN(Progress progress,
                        targets_.ProgressOf(actor, org_id, YearOf(query.on), query.on));
  for (const ProgressLine& p : progress.categories) {
    if (!p.category) continue;
    for (auto& line : pool.by_category) {
      if (line.category != *p.category) continue;
      line.target = p.target;
      line.admitted = p.admitted;
      line.forecast = p.forecast;
      if (p.target) line.needed = std::max(0, *p.target - p.admitted - p.forecast);
    }
  }
  return pool;
}

Result<SourceReview> SourceService::RecordReview(const Actor& actor, Id org_id, Date reviewed_on,
                                                 std::string note) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kWritePeople));
  if (reviewed_on > clock_.Today()) {
    return Error::Invalid("Ngày rà soát không được sau ngày hôm nay", "reviewed_on");
  }
  if (note.size() > kMaxNoteLength) {
    return Error::Invalid(fmt::format("Ghi chú dài quá {} ký tự", kMaxNoteLength), "note");
  }
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Organisation org, tx->Organisations().Get(org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org_id));
  if (!KeepsSourceList(org.kind)) {
    return Error::Invalid(
        fmt::format("{} không giữ danh sách nguồn: chỉ rà soát danh sách của đảng bộ, chi bộ",
                    org.name),
        "org");
  }
  if (!org.ValidOn(reviewed_on)) {
    return Error::Invalid(
        fmt::format("{} không tồn tại vào ngày {}", org.name, FormatVnDate(reviewed_on)),
        "reviewed_on");
  }
  SourceReview review{.org_id = org_id,
                      .reviewed_on = reviewed_on,
                      .note = std::move(note),
                      .actor = actor.login,
                      .recorded_at = FormatTimestamp(clock_.Now())};
  PTDV_ASSIGN_OR_RETURN(review.id, tx->SourceReviews().Insert(review));
  PTDV_RETURN_IF_ERROR(AppendAudit(*tx, actor, review.recorded_at, "source.review",
                                   {.entity = "source_review", .id = review.id, .org_id = org_id},
                                   "", ReviewJson(review)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return review;
}

Result<std::vector<SourceReviewRow>> SourceService::ListReviews(const Actor& actor, Id org_id) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Organisation org, tx->Organisations().Get(org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org_id));
  PTDV_ASSIGN_OR_RETURN(auto units, tx->Organisations().ListSubtree(org_id, clock_.Today()));
  std::map<Id, Organisation> unit_of{{org.id, org}};
  for (auto& u : units) unit_of.insert_or_assign(u.id, std::move(u));
  std::vector<Id> ids;
  for (const auto& [id, unit] : unit_of) ids.push_back(id);
  PTDV_ASSIGN_OR_RETURN(auto reviews, tx->SourceReviews().ListForOrganisations(ids));
  std::vector<SourceReviewRow> rows;
  for (auto& r : reviews) {
    const Organisation& unit = unit_of.at(r.org_id);
    rows.push_back({.review = std::move(r), .org_code = unit.code, .org_name = unit.name});
  }
  return rows;
}

Result<SourcePool> SourceService::List(const Actor& actor, const OrgChoice& which,
                                       const SourceQuery& query) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, which));
  return List(actor, org.id, query);
}

Result<SourceReviewRow> SourceService::RecordReview(const Actor& actor, const OrgChoice& which,
                                                    Date reviewed_on, std::string note) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, which));
  PTDV_ASSIGN_OR_RETURN(SourceReview review,
                        RecordReview(actor, org.id, reviewed_on, std::move(note)));
  return SourceReviewRow{.review = std::move(review), .org_code = org.code, .org_name = org.name};
}

Result<std::vector<SourceReviewRow>> SourceService::ListReviews(const Actor& actor,
                                                                const OrgChoice& which) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, which));
  return ListReviews(actor, org.id);
}

}  // namespace ptdv

#include "storage/sql/sql_case_repository.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <variant>

#include "storage/not_found.h"
#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

// ReadCase() reads these columns in this order.
#define PTDV_CASE_COLUMNS                                                                    \
  "c.id, c.person_id, c.cell_id, c.category, c.stage, c.opened_on, c.version, "              \
  "c.certificate_date, c.dossier_date, c.cell_vote_date, c.decision_date, c.ceremony_date, " \
  "c.official_date, c.closed_on, c.next_deadline, c.next_deadline_rule"

// ReadEvent() reads these columns in this order.
#define PTDV_EVENT_COLUMNS                                                                    \
  "e.id, e.case_id, e.seq, e.action, e.event_date, e.actor, e.recorded_at, e.vote_eligible, " \
  "e.vote_present, e.vote_in_favour, e.vote_against, e.member_person_id, e.together_since, "  \
  "e.replacement, e.relative_name, e.relation, e.relative_is_member, e.finding, e.consent, "  \
  "e.received_on, e.extension_working_days, e.note"

// ReadDocument() reads these columns in this order.
#define PTDV_DOCUMENT_COLUMNS "d.event_id, d.form_code, d.number, d.document_date, d.issuer"

// BindCase() binds the columns from person_id to next_deadline_rule in this order.
constexpr std::string_view kInsert =
    "INSERT INTO admission_case (person_id, cell_id, category, stage, opened_on, "
    "certificate_date, dossier_date, cell_vote_date, decision_date, ceremony_date, "
    "official_date, closed_on, next_deadline, next_deadline_rule, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id";

constexpr std::string_view kUpdate =
    "UPDATE admission_case SET person_id = ?, cell_id = ?, category = ?, stage = ?, "
    "opened_on = ?, certificate_date = ?, dossier_date = ?, cell_vote_date = ?, "
    "decision_date = ?, ceremony_date = ?, official_date = ?, closed_on = ?, "
    "next_deadline = ?, next_deadline_rule = ?, version = version + 1 "
    "WHERE id = ? AND version = ?";

constexpr std::string_view kExists = "SELECT 1 FROM admission_case WHERE id = ?";

constexpr std::string_view kSelectByPerson =
    "SELECT " PTDV_CASE_COLUMNS " FROM admission_case c WHERE c.person_id = ? ORDER BY c.id";

constexpr std::string_view kSelectById =
    "SELECT " PTDV_CASE_COLUMNS " FROM admission_case c WHERE c.id = ?";

constexpr std::string_view kEventsOfCase =
    "SELECT " PTDV_EVENT_COLUMNS " FROM case_event e WHERE e.case_id = ? ORDER BY e.seq";

constexpr std::string_view kDocumentsOfCase =
    "SELECT " PTDV_DOCUMENT_COLUMNS
    " FROM case_document d"
    " JOIN case_event e ON e.id = d.event_id"
    " WHERE e.case_id = ? ORDER BY d.event_id, d.position";

// The id-set queries start FROM the temp table with CROSS JOIN, which fixes SQLite's join order:
// the cost follows the listed cases (through case_event_case_seq_idx and the case_document
// key), never a scan of all events. They order by r.id (the temp table's rowid, the order of
// the scan), then e.seq and d.position (the following index columns), so rows come out in
// scan order with no temporary sort B-tree; ordering by e.case_id instead (the same value)
// made SQLite sort every row. PostgreSQL accepts the same text.
constexpr std::string_view kEventsOfRecordIds =
    "SELECT " PTDV_EVENT_COLUMNS
    " FROM temp.ptdv_record_id r CROSS JOIN case_event e"
    " WHERE e.case_id = r.id ORDER BY r.id, e.seq";

constexpr std::string_view kDocumentsOfRecordIds =
    "SELECT " PTDV_DOCUMENT_COLUMNS
    " FROM temp.ptdv_record_id r CROSS JOIN case_event e"
    " CROSS JOIN case_document d WHERE e.case_id = r.id AND d.event_id = e.id"
    " ORDER BY r.id, e.seq, d.position";

// No row: the case does not exist.
constexpr std::string_view kNextSeq =
    "SELECT COALESCE((SELECT MAX(seq) FROM case_event WHERE case_id = ?1), 0) + 1"
    " FROM admission_case WHERE id = ?1";

constexpr std::string_view kInsertEvent =
    "INSERT INTO case_event (case_id, seq, action, event_date, actor, recorded_at, "
    "vote_eligible, vote_present, vote_in_favour, vote_against, member_person_id, "
    "together_since, replacement, relative_name, relation, relative_is_member, finding, "
    "consent, received_on, extension_working_days, note) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kInsertDocument =
    "INSERT INTO case_document (event_id, position, form_code, number, document_date, issuer) "
    "VALUES (?, ?, ?, ?, ?, ?)";

// Fragments of the filtered queries (List, ListRecords, Count, CountByStage), bound in the order
// appended.
constexpr std::string_view kSelectCasesFrom = "SELECT " PTDV_CASE_COLUMNS " FROM ";
constexpr std::string_view kCountCasesFrom = "SELECT COUNT(*) FROM ";
constexpr std::string_view kCountByStageFrom = "SELECT c.stage, COUNT(*) FROM ";
constexpr std::string_view kAllCases = "admission_case c";
// Driven from the id set (CROSS JOIN fixes the order) through admission_case_cell_stage_idx.
constexpr std::string_view kCasesOfFilterCells =
    "temp.ptdv_filter_id f CROSS JOIN admission_case c";
constexpr std::string_view kJoinPerson = " JOIN person p ON p.id = c.person_id";
constexpr std::string_view kWhereFilterCell = " WHERE c.cell_id = f.id";
constexpr std::string_view kWhereCellIn = " WHERE c.cell_id IN (";  // + placeholders + ")"
constexpr std::string_view kWhereAll = " WHERE 1 = 1";
constexpr std::string_view kAndStage = " AND c.stage = ?";
constexpr std::string_view kAndCategory = " AND c.category = ?";
constexpr std::string_view kAndStageNotIn = " AND c.stage NOT IN (";  // + one ? per closed stage
constexpr std::string_view kAndDeadlineBefore = " AND c.next_deadline <= ?";
// A literal substring ('%' and '_' are not wildcards). Not LIKE: SQLite compiles a statement
// again whenever a new value is bound to the pattern of a LIKE on an indexed column, to see
// whether the index can serve it (a pattern with a leading '%' never can).
constexpr std::string_view kAndPersonKey = " AND instr(p.search_key, ?) > 0";
// PostgreSQL's name for instr.
constexpr std::string_view kAndPersonKeyPostgres = " AND strpos(p.search_key, ?) > 0";
constexpr std::string_view kGroupByStage = " GROUP BY c.stage";
constexpr std::string_view kPage = " LIMIT ? OFFSET ?";

// + placeholders + ")".
constexpr std::string_view kPeopleOf = "SELECT id, full_name, birth_date FROM person WHERE id IN (";
// CaseRowsReader: + placeholders + ")".
constexpr std::string_view kCellStamps = "SELECT org_id, seq FROM unit_change WHERE org_id IN (";
constexpr std::string_view kRowsOfCells =
    "SELECT " PTDV_CASE_COLUMNS
    ", p.search_key, p.full_name, p.birth_date "
    "FROM admission_case c LEFT JOIN person p ON p.id = c.person_id "
    "WHERE c.cell_id IN (";

#undef PTDV_DOCUMENT_COLUMNS
#undef PTDV_EVENT_COLUMNS
#undef PTDV_CASE_COLUMNS

constexpr std::string_view kWhat = kCaseNoun;
constexpr std::string_view kStaleVersion = "Hồ sơ đã được người khác cập nhật, vui lòng tải lại";

// The codes of the closed stages (IsClosed), for open_only.
const std::vector<std::string>& ClosedStageCodes() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> out;
    for (int i = 0;; ++i) {
      auto stage = static_cast<Stage>(i);
      std::string_view code = StageCode(stage);
      if (code.empty()) break;  // past the last enumerator
      if (IsClosed(stage)) out.emplace_back(code);
    }
    return out;
  }();
  return codes;
}

constexpr auto ReadCase = [](auto& row) -> Case {
  Case c;
  row.Read(c.id, c.person_id, c.cell_id, c.category, c.stage, c.opened_on, c.version,
           c.certificate_date, c.dossier_date, c.cell_vote_date, c.decision_date, c.ceremony_date,
           c.official_date, c.closed_on, c.next_deadline, c.next_deadline_rule);
  return c;
};

template <typename Statement>
void BindCase(Statement& statement, const Case& c) {
  statement.Bind(c.person_id, c.cell_id, c.category, c.stage, c.opened_on, c.certificate_date,
                 c.dossier_date, c.cell_vote_date, c.decision_date, c.ceremony_date,
                 c.official_date, c.closed_on, c.next_deadline, c.next_deadline_rule);
}

constexpr auto ReadEvent = [](auto& row) -> CaseEvent {
  CaseEvent e;
  row.Read(e.id, e.case_id, e.seq, e.action, e.date, e.actor, e.recorded_at);
  std::optional<int> eligible, present, in_favour, against;
  row.Read(eligible, present, in_favour, against);
  if (eligible && present && in_favour && against) {  // the schema's CHECK: all or none
    e.vote = Vote{
        .eligible = *eligible, .present = *present, .in_favour = *in_favour, .against = *against};
  }
  bool replacement = false;
  row.Read(e.member_person_id, e.together_since, replacement, e.relative_name, e.relation,
           e.relative_is_member, e.finding, e.consent, e.received_on, e.extension_working_days,
           e.note);
  e.replacement = replacement ? Replacement::kYes : Replacement::kNo;
  return e;
};

// A row of PTDV_DOCUMENT_COLUMNS: the event id and the document.
constexpr auto ReadDocument = [](auto& row) -> std::pair<Id, Document> {
  std::pair<Id, Document> out;
  Document& d = out.second;
  row.Read(out.first, d.form_code, d.number, d.date, d.issuer);
  return out;
};

// A row of kCountByStageFrom: (stage, count).
constexpr auto ReadStageCount = [](auto& row) -> std::pair<Stage, int> {
  Stage stage = row.Code(StageFromCode);
  return {stage, row.Int()};
};

std::optional<std::int64_t> VotePart(const std::optional<Vote>& vote, int Vote::*part) {
  if (!vote) return std::nullopt;
  return (*vote).*part;
}

template <typename Statement>
void BindEvent(Statement& statement, const CaseEvent& e, int seq) {
  statement.Bind(e.case_id, seq, e.action, e.date, e.actor, e.recorded_at,
                 VotePart(e.vote, &Vote::eligible), VotePart(e.vote, &Vote::present),
                 VotePart(e.vote, &Vote::in_favour), VotePart(e.vote, &Vote::against),
                 e.member_person_id, e.together_since, e.replacement == Replacement::kYes,
                 e.relative_name, e.relation, e.relative_is_member, e.finding, e.consent,
                 e.received_on, e.extension_working_days, e.note);
}

// Reads the events and then the documents produced by two statements (events ordered by case
// and seq, documents by event and position; no documents statement: none) into `records`,
// located by `record_of_case`.
template <typename Statement>
Status LoadEvents(Statement& events, Statement* documents, std::vector<CaseRecord>& records,
                  const std::unordered_map<Id, std::size_t>& record_of_case) {
  std::unordered_map<Id, std::pair<std::size_t, std::size_t>> event_location;
  PTDV_RETURN_IF_ERROR(ForEachRow(events, [&](auto& row) {
    CaseEvent event = ReadEvent(row);
    auto record = record_of_case.find(event.case_id);
    if (record == record_of_case.end()) return;  // not asked for (cannot happen: joined)
    std::vector<CaseEvent>& list = records[record->second].events;
    if (documents != nullptr) event_location[event.id] = {record->second, list.size()};
    list.push_back(std::move(event));
  }));
  if (documents == nullptr) return Ok();
  return ForEachRow(*documents, [&](auto& row) {
    auto [event_id, document] = ReadDocument(row);
    auto location = event_location.find(event_id);
    if (location == event_location.end()) return;
    records[location->second.first].events[location->second.second].documents.push_back(
        std::move(document));
  });
}

// A filtered query: constant fragments joined, values bound in the same order.
struct FilterQuery {
  std::string sql;
  std::vector<std::variant<std::int64_t, std::string>> values;
};

// ORDER BY for `filter.sort`; every order ends with the case id so that pages are stable.
std::string OrderBy(const CaseFilter& filter) {
  const char* dir = filter.descending ? " DESC" : "";
  switch (filter.sort) {
    case CaseSort::kId:
      return fmt::format(" ORDER BY c.id{}", dir);
    case CaseSort::kNextDeadline:
      // Cases without a deadline last in both directions (portable: no NULLS LAST).
      return fmt::format(
          " ORDER BY CASE WHEN c.next_deadline IS NULL THEN 1 ELSE 0 END, "
          "c.next_deadline{0}, c.id{0}",
          dir);
    case CaseSort::kOpenedOn:
      return fmt::format(" ORDER BY c.opened_on{0}, c.id{0}", dir);
    case CaseSort::kPersonName:
      return fmt::format(" ORDER BY p.search_key{0}, c.id{0}", dir);
    case CaseSort::kStage: {
      // Procedural order: Stage is declared in the order of the procedure.
      std::string order = " ORDER BY CASE c.stage";
      for (int i = 0; i <= static_cast<int>(Stage::kCancelled); ++i) {
        order += fmt::format(" WHEN '{}' THEN {}", StageCode(static_cast<Stage>(i)), i);
      }
      return order + fmt::format(" END{0}, c.id{0}", dir);
    }
  }
  return " ORDER BY c.id";
}

// Builds the query for `filter` after `head` (kSelectCasesFrom, kCountCasesFrom or
// kCountByStageFrom), loading cell_ids into the kFilter temp table. `paged` adds ORDER BY and
// LIMIT/OFFSET; `tail` (e.g. GROUP BY) follows the conditions.
template <typename Db>
Result<FilterQuery> BuildFilterQuery(Db& connection, std::string_view head,
                                     const CaseFilter& filter, bool paged,
                                     std::string_view tail = {}) {
  FilterQuery query;
  query.sql = head;
  const bool by_cells = !filter.cell_ids.empty();
  // A few cells (a cell, a grassroots committee) are named in the query (IN), more go through
  // the temp table.
  const bool inline_cells = by_cells && filter.cell_ids.size() <= kMaxInlineIds;
  if (by_cells && !inline_cells) {
    PTDV_RETURN_IF_ERROR(connection.FillIdSet(IdSet::kFilter, filter.cell_ids));
  }
  query.sql += by_cells && !inline_cells ? kCasesOfFilterCells : kAllCases;
  if (!filter.person_key.empty() || (paged && filter.sort == CaseSort::kPersonName)) {
    query.sql += kJoinPerson;
  }
  if (inline_cells) {
    query.sql += kWhereCellIn;
    query.sql += InlineIdPlaceholders(filter.cell_ids);
    query.sql += ")";
    const std::size_t slots = InlineIdSlots(filter.cell_ids.size());
    for (std::size_t i = 0; i < slots; ++i) {
      query.values.emplace_back(filter.cell_ids[std::min(i, filter.cell_ids.size() - 1)]);
    }
  } else {
    query.sql += by_cells ? kWhereFilterCell : kWhereAll;
  }
  if (filter.stage) {
    query.sql += kAndStage;
    query.values.emplace_back(std::string(StageCode(*filter.stage)));
  }
  if (filter.category) {
    query.sql += kAndCategory;
    query.values.emplace_back(std::string(SourceCategoryCode(*filter.category)));
  }
  if (filter.open_only && !ClosedStageCodes().empty()) {
    query.sql += kAndStageNotIn;
    for (std::size_t i = 0; i < ClosedStageCodes().size(); ++i) {
      query.sql += i == 0 ? "?" : ", ?";
      query.values.emplace_back(ClosedStageCodes()[i]);
    }
    query.sql += ")";
  }
  if (filter.deadline_before) {
    query.sql += kAndDeadlineBefore;
    query.values.emplace_back(FormatIsoDate(*filter.deadline_before));
  }
  if (!filter.person_key.empty()) {
    query.sql += Db::kDialect == SqlDialect::kPostgres ? kAndPersonKeyPostgres : kAndPersonKey;
    query.values.emplace_back(filter.person_key);
  }
  query.sql += tail;
  if (paged) {
    query.sql += OrderBy(filter);
    query.sql += kPage;
    query.values.emplace_back(static_cast<std::int64_t>(filter.limit));
    query.values.emplace_back(static_cast<std::int64_t>(std::max(filter.offset, 0)));
  }
  return query;
}

template <typename Db>
Result<typename Db::Statement> PrepareFilterQuery(Db& connection, std::string_view head,
                                                  const CaseFilter& filter, bool paged,
                                                  std::string_view tail = {}) {
  PTDV_ASSIGN_OR_RETURN(FilterQuery query, BuildFilterQuery(connection, head, filter, paged, tail));
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection.Prepare(query.sql));
  for (const auto& value : query.values) {
    if (const auto* number = std::get_if<std::int64_t>(&value)) {
      statement.BindInt(*number);
    } else {
      statement.BindText(std::get<std::string>(value));
    }
  }
  return statement;
}

}  // namespace

template <typename Db>
Result<Id> SqlCaseRepository<Db>::Insert(const Case& header) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsert));
  BindCase(statement, header);
  return InsertReturningId(statement);
}

template <typename Db>
Status SqlCaseRepository<Db>::Update(const Case& header) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kUpdate));
  BindCase(statement, header);
  statement.BindInt(header.id).BindInt(header.version);
  PTDV_ASSIGN_OR_RETURN(int changed, statement.RunCountingChanges());
  if (changed == 1) return Ok();
  return MissingOrConflict(connection_, kExists, kWhat, header.id, kStaleVersion);
}

template <typename Db>
Result<Case> SqlCaseRepository<Db>::Get(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSelectById, id));
  return ReadOne(statement, ReadCase, kWhat, id);
}

template <typename Db>
Result<std::vector<Case>> SqlCaseRepository<Db>::ListForPerson(Id person_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kSelectByPerson, person_id));
  return ReadAll(statement, ReadCase);
}

template <typename Db>
Result<CaseRecord> SqlCaseRepository<Db>::GetRecord(Id id) {
  std::vector<CaseRecord> records(1);
  PTDV_ASSIGN_OR_RETURN(records[0].header, Get(id));
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement events, connection_.Prepare(kEventsOfCase, id));
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement documents,
                        connection_.Prepare(kDocumentsOfCase, id));
  PTDV_RETURN_IF_ERROR(LoadEvents(events, &documents, records, {{id, 0}}));
  return std::move(records[0]);
}

template <typename Db>
Result<Id> SqlCaseRepository<Db>::AppendEvent(const CaseEvent& event) {
  int seq = 0;
  {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement next,
                          connection_.Prepare(kNextSeq, event.case_id));
    PTDV_ASSIGN_OR_RETURN(bool has_row, next.Step());
    if (!has_row) return RowNotFound(kWhat, event.case_id);
    seq = static_cast<int>(next.Int(0));
  }
  Id event_id = 0;
  {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement insert, connection_.Prepare(kInsertEvent));
    BindEvent(insert, event, seq);
    PTDV_ASSIGN_OR_RETURN(event_id, InsertReturningId(insert));
  }
  if (!event.documents.empty()) {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement insert, connection_.Prepare(kInsertDocument));
    int position = 1;
    for (const Document& document : event.documents) {
      insert.Bind(event_id, position++, document.form_code, document.number, document.date,
                  document.issuer);
      PTDV_RETURN_IF_ERROR(insert.Run());
      insert.Reset();
    }
  }
  return event_id;
}

template <typename Db>
Result<std::vector<Case>> SqlCaseRepository<Db>::List(const CaseFilter& filter) {
  if (filter.limit <= 0) return std::vector<Case>{};
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        PrepareFilterQuery(connection_, kSelectCasesFrom, filter, /*paged=*/true));
  return ReadAll(statement, ReadCase);
}

template <typename Db>
Result<std::vector<CaseRecord>> SqlCaseRepository<Db>::ListRecords(const CaseFilter& filter,
                                                                   EventDocuments documents) {
  PTDV_ASSIGN_OR_RETURN(std::vector<Case> headers, List(filter));
  return LoadRecords(std::move(headers), documents);
}

template <typename Db>
Result<std::vector<CaseRecord>> SqlCaseRepository<Db>::LoadRecords(std::vector<Case> headers,
                                                                   EventDocuments documents) {
  std::vector<CaseRecord> records;
  if (headers.empty()) return records;
  records.reserve(headers.size());
  std::vector<Id> ids;
  ids.reserve(headers.size());
  std::unordered_map<Id, std::size_t> record_of_case;
  for (Case& header : headers) {
    ids.push_back(header.id);
    record_of_case[header.id] = records.size();
    records.push_back(CaseRecord{.header = std::move(header)});
  }
  PTDV_RETURN_IF_ERROR(connection_.FillIdSet(IdSet::kRecords, ids));
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement events, connection_.Prepare(kEventsOfRecordIds));
  if (documents == EventDocuments::kSkip) {
    PTDV_RETURN_IF_ERROR(
        LoadEvents<typename Db::Statement>(events, nullptr, records, record_of_case));
    return records;
  }
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement document_rows,
                        connection_.Prepare(kDocumentsOfRecordIds));
  PTDV_RETURN_IF_ERROR(LoadEvents(events, &document_rows, records, record_of_case));
  return records;
}

template <typename Db>
Result<int> SqlCaseRepository<Db>::Count(const CaseFilter& filter) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        PrepareFilterQuery(connection_, kCountCasesFrom, filter, /*paged=*/false));
  PTDV_ASSIGN_OR_RETURN(std::int64_t count, ReadInt(statement));
  return static_cast<int>(count);
}

template <typename Db>
Result<std::vector<std::pair<Stage, int>>> SqlCaseRepository<Db>::CountByStage(
    const CaseFilter& filter) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        PrepareFilterQuery(connection_, kCountByStageFrom, filter,
                                           /*paged=*/false, kGroupByStage));
  PTDV_ASSIGN_OR_RETURN(auto out, ReadAll(statement, ReadStageCount));
  std::sort(out.begin(), out.end());
  return out;
}

template <typename Db>
Result<std::vector<std::optional<ListedPerson>>> SqlCaseRepository<Db>::PeopleOf(
    const std::vector<Case>& headers) {
  std::vector<std::optional<ListedPerson>> out(headers.size());
  std::vector<Id> ids;
  for (const Case& h : headers) ids.push_back(h.person_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::unordered_map<Id, ListedPerson> person_of;
  for (std::size_t from = 0; from < ids.size(); from += kMaxInlineIds) {
    const std::vector<Id> some(
        ids.begin() + static_cast<std::ptrdiff_t>(from),
        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), from + kMaxInlineIds)));
    std::string sql(kPeopleOf);
    sql += InlineIdPlaceholders(some);
    sql += ")";
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(sql));
    BindInlineIds(statement, some);
    PTDV_RETURN_IF_ERROR(ForEachRow(statement, [&](auto& row) {
      Id id = 0;
      ListedPerson person;
      row.Read(id, person.full_name, person.birth_date);
      person_of.emplace(id, std::move(person));
    }));
  }
  for (std::size_t i = 0; i < headers.size(); ++i) {
    auto it = person_of.find(headers[i].person_id);
    if (it != person_of.end()) out[i] = it->second;
  }
  return out;
}

template <typename Db>
Result<std::vector<std::int64_t>> SqlCaseRepository<Db>::CellStamps(const std::vector<Id>& cells) {
  std::string sql(kCellStamps);
  sql += InlineIdPlaceholders(cells);
  sql += ")";
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(sql));
  BindInlineIds(statement, cells);
  std::unordered_map<Id, std::int64_t> seq_of;
  PTDV_RETURN_IF_ERROR(ForEachRow(statement, [&](auto& row) {
    Id org = 0;
    std::int64_t seq = 0;
    row.Read(org, seq);
    seq_of[org] = seq;
  }));
  std::vector<std::int64_t> out;
  out.reserve(cells.size());
  for (Id cell : cells) {
    auto it = seq_of.find(cell);
    out.push_back(it == seq_of.end() ? 0 : it->second);
  }
  return out;
}

template <typename Db>
Result<std::vector<CaseRow>> SqlCaseRepository<Db>::RowsOfCells(const std::vector<Id>& cells) {
  std::string sql(kRowsOfCells);
  sql += InlineIdPlaceholders(cells);
  sql += ")";
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(sql));
  BindInlineIds(statement, cells);
  return ReadAll(statement, [](auto& row) {
    CaseRow out{.header = ReadCase(row)};
    std::optional<std::string> name;
    std::optional<Date> birth_date;
    row.Read(out.person_key, name, birth_date);
    if (name && birth_date) out.person = ListedPerson{std::move(*name), *birth_date};
    return out;
  });
}

template class SqlCaseRepository<SqliteConnection>;
template class SqlCaseRepository<PgConnection>;

}  // namespace ptdv

// The repository contract suite: every backend must pass these tests. It is parameterised by a
// Backend (how to open a store in a fresh directory, how to reach the database behind the
// store's back). This file is built twice: into the storage tests on SQLite, and with
// PTDV_CONTRACT_POSTGRES into the PostgreSQL tests (CMakeLists.txt), which run it on the
// throwaway cluster as Postgres/StoreContractTest.*.

#include "storage/store.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <source_location>
#include <stdexcept>
#include <thread>

#include "domain/search_key.h"
#include "storage/temp_dir_test_util.h"
#ifdef PTDV_CONTRACT_POSTGRES
#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_test_database.h"
#endif

namespace ptdv {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Backends

struct Backend {
  std::string name;
  // Opens a store on a new database kept inside `dir` (which exists and is empty).
  std::function<Result<std::unique_ptr<Store>>(const fs::path& dir)> open;
  // Runs `sql` on a separate connection to the same database, bypassing the store: the
  // position of someone with direct database access.
  std::function<Status(const fs::path& dir, const std::string& sql)> raw_execute;
  // SQL that removes the append-only protection of audit_log.
  std::string drop_audit_protection;
};

#ifdef PTDV_CONTRACT_POSTGRES
// A database of its own for each directory a test opens a store in (a test opening the store
// again gets the same one), dropped when the test's process ends: ctest runs each test alone.
const std::string& PostgresUrlFor(const fs::path& dir) {
  static std::map<fs::path, std::unique_ptr<test::PgTestDatabase>> databases;
  auto& database = databases[dir];
  if (database == nullptr) database = std::make_unique<test::PgTestDatabase>();
  return database->url();
}

Status PostgresRawExecute(const fs::path& dir, const std::string& sql) {
  PTDV_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> connection,
                        PgConnection::Open(PostgresUrlFor(dir)));
  return connection->Execute(sql);
}

Backend PostgresBackend() {
  return Backend{
      .name = "Postgres",
      .open = [](const fs::path& dir) { return OpenStore(PostgresUrlFor(dir)); },
      .raw_execute = PostgresRawExecute,
      .drop_audit_protection =
          "DROP TRIGGER audit_log_no_update ON audit_log;"
          " DROP TRIGGER audit_log_no_delete ON audit_log;",
  };
}
#endif

// gtest names the parameter by its backend rather than dumping its bytes.
void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

#ifndef PTDV_CONTRACT_POSTGRES
fs::path SqlitePath(const fs::path& dir) { return dir / "ptdv.db"; }

Status SqliteRawExecute(const fs::path& dir, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(SqlitePath(dir).c_str(), &db) != SQLITE_OK) {
    std::string message = sqlite3_errmsg(db);
    sqlite3_close(db);
    return Error::Unavailable(message);
  }
  sqlite3_busy_timeout(db, 5000);
  char* message = nullptr;
  int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  Status status;
  if (code != SQLITE_OK) status = Error::Invalid(message != nullptr ? message : "error");
  sqlite3_free(message);
  sqlite3_close(db);
  return status;
}

Backend SqliteBackend() {
  return Backend{
      .name = "Sqlite",
      .open = [](const fs::path& dir) { return OpenStore("sqlite:" + SqlitePath(dir).string()); },
      .raw_execute = SqliteRawExecute,
      .drop_audit_protection =
          "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
  };
}
#endif

// ---------------------------------------------------------------------------------------------
// Helpers

// Unwraps a Result, failing the test (by exception, which gtest reports) on an error.
template <typename T>
T Must(Result<T> result, std::source_location where = std::source_location::current()) {
  if (!result.ok()) {
    ADD_FAILURE_AT(where.file_name(), where.line())
        << ErrorCodeName(result.error().code) << ": " << result.error().message;
    throw std::runtime_error("unexpected error");
  }
  return std::move(result).value();
}

void Must(Status status, std::source_location where = std::source_location::current()) {
  if (!status.ok()) {
    ADD_FAILURE_AT(where.file_name(), where.line())
        << ErrorCodeName(status.error().code) << ": " << status.error().message;
    throw std::runtime_error("unexpected error");
  }
}

template <typename T>
ErrorCode CodeOf(const Result<T>& result) {
  EXPECT_FALSE(result.ok());
  return result.ok() ? ErrorCode::kInvalid : result.error().code;
}

Date D(int y, unsigned m, unsigned d) { return MakeDate(y, m, d); }

std::string Show(const std::optional<Date>& d) { return d ? FormatIsoDate(*d) : "-"; }
std::string Show(const std::optional<Id>& id) { return id ? std::to_string(*id) : "-"; }
template <typename E>
std::string Show(const std::optional<E>& value, std::string_view (*code)(E)) {
  return value ? std::string(code(*value)) : "-";
}

// Every field, so that EXPECT_EQ on two descriptions checks a full round trip and prints a
// readable difference.
std::string Describe(const Organisation& o) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", o.id, Show(o.parent_id), OrgKindCode(o.kind),
                     o.code, o.name, o.authorised_to_admit, o.committee_member_count,
                     FormatIsoDate(o.valid_from), Show(o.valid_to), Show(o.successor_id));
}

std::string Describe(const Person& p) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|v{}", p.id, p.full_name,
                     p.search_key, SexCode(p.sex), FormatIsoDate(p.birth_date), p.ethnicity,
                     p.religion, GeneralEducationCode(p.general_education),
                     p.professional_education, OccupationCode(p.occupation),
                     WorkplaceTypeCode(p.workplace_type), p.youth_union_member,
                     p.trade_union_member, p.id_number, p.phone, p.address, p.org_id,
                     p.version);
}

std::string Describe(const Membership& m) {
  return fmt::format("{}|{}|{}|{}|{}|{}", m.id, m.person_id, m.org_id,
                     m.kind == MembershipKind::kOfficial ? "official" : "probationary",
                     FormatIsoDate(m.valid_from), Show(m.valid_to));
}

std::string Describe(const Case& c) {
  return fmt::format("{}|{}|{}|{}|{}|{}|v{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", c.id, c.person_id,
                     c.cell_id, SourceCategoryCode(c.category), StageCode(c.stage),
                     FormatIsoDate(c.opened_on), c.version, Show(c.certificate_date),
                     Show(c.dossier_date), Show(c.cell_vote_date), Show(c.decision_date),
                     Show(c.ceremony_date), Show(c.official_date), Show(c.closed_on),
                     Show(c.next_deadline), c.next_deadline_rule);
}

std::string Describe(const CaseEvent& e) {
  std::string out =
      fmt::format("{}|{}|{}|{}|{}|{}|{}|", e.id, e.case_id, e.seq, ActionCode(e.action),
                  FormatIsoDate(e.date), e.actor, e.recorded_at);
  for (const Document& d : e.documents) {
    out += fmt::format("[{}|{}|{}|{}]", d.form_code, d.number, Show(d.date), d.issuer);
  }
  if (e.vote) {
    out += fmt::format("|vote {}/{}/{}/{}", e.vote->eligible, e.vote->present, e.vote->in_favour,
                       e.vote->against);
  } else {
    out += "|no vote";
  }
  out += fmt::format("|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", Show(e.member_person_id),
                     Show(e.together_since), e.replacement == Replacement::kYes, e.relative_name,
                     Show(e.relation, RelationCode), e.relative_is_member, FindingCode(e.finding),
                     Show(e.consent, ConsentKindCode), Show(e.received_on),
                     e.extension_working_days, e.note);
  return out;
}

std::string Describe(const AuditEntry& a) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", a.id, a.at, a.actor, a.role,
                     a.address, a.action, a.entity, a.entity_id, a.org_id, a.before, a.after,
                     a.prev_hash, a.hash);
}

Organisation Unit(std::string code, OrgKind kind, std::optional<Id> parent,
                  Date valid_from = D(2000, 1, 1), std::optional<Date> valid_to = {}) {
  Organisation o;
  o.parent_id = parent;
  o.kind = kind;
  o.name = "Đơn vị " + code;
  o.code = std::move(code);
  o.valid_from = valid_from;
  o.valid_to = valid_to;
  return o;
}

Person SamplePerson(Id org_id, std::string full_name = "Nguyễn Văn Đức") {
  Person p;
  p.search_key = SearchKey(full_name);
  p.full_name = std::move(full_name);
  p.sex = Sex::kFemale;
  p.birth_date = D(1998, 2, 28);
  p.ethnicity = "Tày";
  p.religion = "Phật giáo";
  p.general_education = GeneralEducation::kLowerSecondary;
  p.professional_education = "Đại học";
  p.occupation = Occupation::kTeacher;
  p.workplace_type = WorkplaceType::kState;
  p.youth_union_member = true;
  p.trade_union_member = true;
  p.id_number = "046198001234";
  p.phone = "0912 345 678";
  p.address = "12 Lê Lợi, phường Vĩnh Ninh, Huế";
  p.org_id = org_id;
  return p;
}

Case SampleCase(Id person_id, Id cell_id) {
  Case c;
  c.person_id = person_id;
  c.cell_id = cell_id;
  c.category = SourceCategory::kTeacher;
  c.stage = Stage::kDossier;
  c.opened_on = D(2023, 3, 1);
  return c;
}

AuditEntry SampleAudit(std::string action, Id entity_id) {
  AuditEntry a;
  a.at = "2024-03-01T08:00:00Z";
  a.actor = "cb01.bithu";
  a.role = "cell_secretary";
  a.address = "10.0.0.5";
  a.action = std::move(action);
  a.entity = "case";
  a.entity_id = entity_id;
  a.org_id = 3;
  a.before = R"({"stage":"dossier"})";
  a.after = R"({"stage":"cell_approved","note":"Chi bộ đồng ý"})";
  return a;
}

// ---------------------------------------------------------------------------------------------
// Fixture

class StoreContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Store>> store = GetParam().open(dir_.path());
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
    Result<std::vector<int>> applied = store_->Migrate();
    ASSERT_TRUE(applied.ok()) << applied.error().message;
  }

  void TearDown() override { store_.reset(); }

  std::unique_ptr<Transaction> Write() { return Must(store_->Begin(Access::kReadWrite)); }
  std::unique_ptr<Transaction> Read() { return Must(store_->Begin(Access::kReadOnly)); }

  // A province > city > grassroots > cell chain and one person in the cell; committed.
  struct World {
    Id province = 0, city = 0, grassroots = 0, cell = 0, person = 0;
  };
  World MakeWorld() {
    World w;
    auto tx = Write();
    w.province = Must(tx->Organisations().Insert(Unit("TTH", OrgKind::kProvincialCommittee, {})));
    w.city = Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, w.province)));
    w.grassroots =
        Must(tx->Organisations().Insert(Unit("HUE-TAYLOC", OrgKind::kGrassrootsCommittee, w.city)));
    w.cell =
        Must(tx->Organisations().Insert(Unit("HUE-TAYLOC-CB01", OrgKind::kCell, w.grassroots)));
    w.person = Must(tx->People().Insert(SamplePerson(w.cell)));
    Must(tx->Commit());
    return w;
  }

  TempDir dir_{"ptdv-store-test"};
  std::unique_ptr<Store> store_;
};

// ---------------------------------------------------------------------------------------------
// Schema

TEST_P(StoreContractTest, MigrateIsIdempotent) {
  const int version = Must(store_->SchemaVersion());
  EXPECT_GE(version, 2);  // 0001 init, 0002 accounts, ...
  EXPECT_TRUE(Must(store_->Migrate()).empty());
  EXPECT_EQ(Must(store_->SchemaVersion()), version);
}

TEST_P(StoreContractTest, MigrationDoesNotSeedRuleSets) {
  EXPECT_TRUE(Must(Read()->RuleSets().List()).empty());
}

TEST_P(StoreContractTest, CommittedDataSurvivesReopening) {
  World w = MakeWorld();
  store_.reset();
  store_ = Must(GetParam().open(dir_.path()));
  EXPECT_TRUE(Must(store_->Migrate()).empty());
  EXPECT_EQ(Must(Read()->People().Get(w.person)).full_name, "Nguyễn Văn Đức");
}

TEST_P(StoreContractTest, DataVersionChangesWithEveryCommittedWriteAndOnlyThen) {
  World w = MakeWorld();
  const std::uint64_t before = Must(store_->DataVersion());
  EXPECT_EQ(Must(store_->DataVersion()), before);
  {  // reads and a rolled-back write leave it alone
    EXPECT_EQ(Must(Read()->People().Get(w.person)).full_name, "Nguyễn Văn Đức");
    auto tx = Write();
    Person p = Must(tx->People().Get(w.person));
    p.full_name = "Không lưu";
    Must(tx->People().Update(p));
  }
  EXPECT_EQ(Must(store_->DataVersion()), before);
  {
    auto tx = Write();
    Person p = Must(tx->People().Get(w.person));
    p.full_name = "Nguyễn Văn Đạt";
    Must(tx->People().Update(p));
    Must(tx->Commit());
  }
  const std::uint64_t after = Must(store_->DataVersion());
  EXPECT_NE(after, before);
  EXPECT_EQ(Must(store_->DataVersion()), after);
}

// ---------------------------------------------------------------------------------------------
// Organisations

TEST_P(StoreContractTest, PredecessorsFollowSuccessorLinksToAnyDepth) {
  auto tx = Write();
  Id city = Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, {})));
  Id latest = Must(tx->Organisations().Insert(Unit("W-2025", OrgKind::kGrassrootsCommittee, city)));
  Id other = Must(tx->Organisations().Insert(Unit("W-OTHER", OrgKind::kGrassrootsCommittee, city)));
  auto ended = [&](const char* code, Id successor) {
    Organisation o =
        Unit(code, OrgKind::kGrassrootsCommittee, city, D(2021, 7, 1), D(2024, 12, 31));
    o.successor_id = successor;
    return Must(tx->Organisations().Insert(o));
  };
  Id middle = ended("W-A", latest);
  ended("W-B", latest);
  ended("W-A-2021", middle);
  ended("W-C", other);
  Must(tx->Commit());
  std::vector<std::string> codes;
  for (const Organisation& o : Must(Read()->Organisations().Predecessors({latest}))) {
    codes.push_back(o.code);
  }
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"W-A", "W-A-2021", "W-B"}));
  EXPECT_TRUE(Must(Read()->Organisations().Predecessors({city})).empty());
  EXPECT_EQ(Must(Read()->Organisations().Predecessors({latest, other})).size(), 4u);
}

TEST_P(StoreContractTest, OrganisationRoundTripsEveryField) {
  auto tx = Write();
  Id parent = Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, {})));
  Id successor =
      Must(tx->Organisations().Insert(Unit("HUE-NEW", OrgKind::kGrassrootsCommittee, parent)));
  Organisation org =
      Unit("HUE-TAYLOC", OrgKind::kGrassrootsCommittee, parent, D(2021, 7, 1), D(2024, 12, 31));
  org.name = "Đảng ủy phường Tây Lộc";
  org.authorised_to_admit = true;
  org.committee_member_count = 13;
  org.successor_id = successor;
  org.id = Must(tx->Organisations().Insert(org));
  Must(tx->Commit());

  auto read = Read();
  EXPECT_EQ(Describe(Must(read->Organisations().Get(org.id))), Describe(org));
  EXPECT_EQ(Describe(Must(read->Organisations().GetByCode("HUE-TAYLOC"))), Describe(org));
  read.reset();

  org.name = "Đảng ủy phường Tây Lộc (mới)";
  org.authorised_to_admit = false;
  org.valid_to.reset();
  org.successor_id.reset();
  org.committee_member_count = 9;
  auto update = Write();
  Must(update->Organisations().Update(org));
  Must(update->Commit());
  EXPECT_EQ(Describe(Must(Read()->Organisations().Get(org.id))), Describe(org));
}

TEST_P(StoreContractTest, OrganisationErrors) {
  auto tx = Write();
  Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, {})));
  EXPECT_EQ(CodeOf(tx->Organisations().Insert(Unit("HUE", OrgKind::kCell, {}))),
            ErrorCode::kConflict);
  EXPECT_EQ(CodeOf(tx->Organisations().Insert(Unit("X", OrgKind::kCell, Id{9999}))),
            ErrorCode::kInvalid);
  EXPECT_EQ(CodeOf(tx->Organisations().Get(9999)), ErrorCode::kNotFound);
  Result<Organisation> by_code = tx->Organisations().GetByCode("NOPE");
  ASSERT_EQ(CodeOf(by_code), ErrorCode::kNotFound);
  EXPECT_NE(by_code.error().message.find("Không tìm thấy"), std::string::npos);
  Organisation ghost = Unit("GHOST", OrgKind::kCell, {});
  ghost.id = 9999;
  Status updated = tx->Organisations().Update(ghost);
  ASSERT_FALSE(updated.ok());
  EXPECT_EQ(updated.error().code, ErrorCode::kNotFound);
  // The transaction is still usable after statement-level errors.
  EXPECT_TRUE(tx->Organisations().GetByCode("HUE").ok());
}

TEST_P(StoreContractTest, ListValidOnFollowsEffectiveDates) {
  auto tx = Write();
  Id city = Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, {})));
  Id old_ward = Must(tx->Organisations().Insert(
      Unit("HUE-TAYLOC", OrgKind::kGrassrootsCommittee, city, D(2021, 7, 1), D(2024, 12, 31))));
  Id old_cell = Must(tx->Organisations().Insert(
      Unit("HUE-TAYLOC-CB01", OrgKind::kCell, old_ward, D(2021, 7, 1), D(2024, 12, 31))));
  Id new_ward = Must(tx->Organisations().Insert(
      Unit("HUE-PHUXUAN", OrgKind::kGrassrootsCommittee, city, D(2025, 1, 1))));
  Must(tx->Commit());

  auto ids = [](const std::vector<Organisation>& orgs) {
    std::set<Id> out;
    for (const Organisation& o : orgs) out.insert(o.id);
    return out;
  };
  auto read = Read();
  EXPECT_EQ(ids(Must(read->Organisations().ListValidOn(D(2025, 3, 1)))),
            (std::set<Id>{city, new_ward}));
  EXPECT_EQ(ids(Must(read->Organisations().ListValidOn(D(2023, 6, 1)))),
            (std::set<Id>{city, old_ward, old_cell}));
  // Both ends of the period are inclusive.
  EXPECT_EQ(ids(Must(read->Organisations().ListValidOn(D(2024, 12, 31)))),
            (std::set<Id>{city, old_ward, old_cell}));
  EXPECT_EQ(ids(Must(read->Organisations().ListValidOn(D(2021, 7, 1)))),
            (std::set<Id>{city, old_ward, old_cell}));
  EXPECT_EQ(ids(Must(read->Organisations().ListValidOn(D(2021, 6, 30)))), (std::set<Id>{city}));
}

TEST_P(StoreContractTest, ListValidOnPutsParentsBeforeChildren) {
  // Ids run against the tree: a is re-parented under c, which is inserted last.
  auto tx = Write();
  Id a = Must(tx->Organisations().Insert(Unit("A", OrgKind::kGrassrootsCommittee, {})));
  Id b = Must(tx->Organisations().Insert(Unit("B", OrgKind::kCell, a)));
  Id c = Must(tx->Organisations().Insert(Unit("C", OrgKind::kCityCommittee, {})));
  Organisation moved = Must(tx->Organisations().Get(a));
  moved.parent_id = c;
  Must(tx->Organisations().Update(moved));
  // A unit whose parent has expired is still listed (as a root), not lost.
  Id expired = Must(tx->Organisations().Insert(
      Unit("OLD", OrgKind::kGrassrootsCommittee, c, D(2000, 1, 1), D(2010, 1, 1))));
  Id orphan = Must(tx->Organisations().Insert(Unit("ORPHAN", OrgKind::kCell, expired)));
  Must(tx->Commit());

  std::vector<Id> order;
  for (const Organisation& o : Must(Read()->Organisations().ListValidOn(D(2024, 1, 1)))) {
    order.push_back(o.id);
  }
  auto position = [&](Id id) { return std::find(order.begin(), order.end(), id) - order.begin(); };
  ASSERT_EQ(order.size(), 4u);
  EXPECT_LT(position(c), position(a));
  EXPECT_LT(position(a), position(b));
  EXPECT_LT(position(orphan), static_cast<long>(order.size()));
}

TEST_P(StoreContractTest, SubtreeIdsAndAncestors) {
  auto tx = Write();
  Id city = Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, {})));
  Id ward = Must(tx->Organisations().Insert(Unit("W", OrgKind::kGrassrootsCommittee, city)));
  Id cell1 = Must(tx->Organisations().Insert(Unit("W-1", OrgKind::kCell, ward)));
  Id cell2 = Must(tx->Organisations().Insert(
      Unit("W-2", OrgKind::kCell, ward, D(2000, 1, 1), D(2020, 12, 31))));
  Id other = Must(tx->Organisations().Insert(Unit("V", OrgKind::kGrassrootsCommittee, city)));
  Must(tx->Commit());

  auto read = Read();
  auto subtree = [&](Id root, Date on) {
    std::vector<Id> ids = Must(read->Organisations().SubtreeIds(root, on));
    return std::set<Id>(ids.begin(), ids.end());
  };
  EXPECT_EQ(subtree(ward, D(2024, 1, 1)), (std::set<Id>{ward, cell1}));
  EXPECT_EQ(subtree(ward, D(2019, 1, 1)), (std::set<Id>{ward, cell1, cell2}));
  EXPECT_EQ(subtree(city, D(2024, 1, 1)), (std::set<Id>{city, ward, cell1, other}));
  EXPECT_EQ(subtree(cell2, D(2024, 1, 1)), (std::set<Id>{}));  // exists, not valid then
  EXPECT_EQ(CodeOf(read->Organisations().SubtreeIds(9999, D(2024, 1, 1))), ErrorCode::kNotFound);

  // ListSubtree: the same units as SubtreeIds, with their rows, parents first.
  std::vector<Id> listed;
  for (const Organisation& o : Must(read->Organisations().ListSubtree(city, D(2019, 1, 1)))) {
    listed.push_back(o.id);
  }
  EXPECT_EQ(listed, (std::vector<Id>{city, other, ward, cell1, cell2}));  // depth, then code
  EXPECT_TRUE(Must(read->Organisations().ListSubtree(cell2, D(2024, 1, 1))).empty());

  std::vector<Id> chain;
  for (const Organisation& o : Must(read->Organisations().Ancestors(cell1))) chain.push_back(o.id);
  EXPECT_EQ(chain, (std::vector<Id>{cell1, ward, city}));
  EXPECT_EQ(CodeOf(read->Organisations().Ancestors(9999)), ErrorCode::kNotFound);

  // WithAncestors: the union of the chains, each unit once (validity plays no part).
  auto with_ancestors = [&](const std::vector<Id>& ids) {
    std::multiset<Id> out;
    for (const Organisation& o : Must(read->Organisations().WithAncestors(ids))) out.insert(o.id);
    return out;
  };
  EXPECT_EQ(with_ancestors({cell1, cell2, other, 9999}),
            (std::multiset<Id>{city, ward, cell1, cell2, other}));
  EXPECT_EQ(with_ancestors({ward}), (std::multiset<Id>{city, ward}));
  EXPECT_TRUE(with_ancestors({}).empty());
}

// A unit changed from a date: the tree as of an earlier date keeps it as it was (its name, the
// unit above it), the tree from that date shows it as it is; its history lists both versions.
TEST_P(StoreContractTest, AUnitChangedFromADateKeepsItsHistory) {
  auto tx = Write();
  Id city = Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, {})));
  Id ward = Must(tx->Organisations().Insert(Unit("W", OrgKind::kGrassrootsCommittee, city)));
  Id other = Must(tx->Organisations().Insert(Unit("V", OrgKind::kGrassrootsCommittee, city)));
  Id cell = Must(tx->Organisations().Insert(Unit("W-1", OrgKind::kCell, ward)));
  Organisation moved = Must(tx->Organisations().Get(cell));
  moved.parent_id = other;
  moved.name = "Chi bộ Khu vực 1 (mới)";
  Must(tx->Organisations().ChangeFrom(moved, D(2025, 7, 1)));
  Must(tx->Commit());

  auto read = Read();
  auto subtree = [&](Id root, Date on) {
    std::vector<Id> ids = Must(read->Organisations().SubtreeIds(root, on));
    return std::set<Id>(ids.begin(), ids.end());
  };
  EXPECT_EQ(subtree(ward, D(2025, 6, 30)), (std::set<Id>{ward, cell}));
  EXPECT_EQ(subtree(ward, D(2025, 7, 1)), (std::set<Id>{ward}));
  EXPECT_EQ(subtree(other, D(2025, 7, 1)), (std::set<Id>{other, cell}));
  auto named = [&](Date on) {
    for (const Organisation& o : Must(read->Organisations().ListValidOn(on))) {
      if (o.id == cell) return std::pair(o.name, o.parent_id);
    }
    return std::pair(std::string("(absent)"), std::optional<Id>());
  };
  EXPECT_EQ(named(D(2025, 6, 30)), std::pair(std::string("Đơn vị W-1"), std::optional<Id>(ward)));
  EXPECT_EQ(named(D(2025, 7, 1)),
            std::pair(std::string("Chi bộ Khu vực 1 (mới)"), std::optional<Id>(other)));
  std::vector<Organisation> listed = Must(read->Organisations().ListSubtree(other, D(2026, 1, 1)));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[1].name, "Chi bộ Khu vực 1 (mới)");
  // Undated reads answer with the latest version.
  EXPECT_EQ(Must(read->Organisations().Get(cell)).parent_id, other);
  std::vector<Id> chain;
  for (const Organisation& o : Must(read->Organisations().Ancestors(cell))) chain.push_back(o.id);
  EXPECT_EQ(chain, (std::vector<Id>{cell, other, city}));

  std::vector<Organisation> history = Must(read->Organisations().History(cell));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].parent_id, ward);
  EXPECT_EQ(history[0].valid_to, D(2025, 6, 30));
  EXPECT_EQ(history[1].parent_id, other);
  EXPECT_EQ(history[1].valid_from, D(2025, 7, 1));
  EXPECT_EQ(history[1].valid_to, std::nullopt);
  EXPECT_EQ(CodeOf(read->Organisations().History(9999)), ErrorCode::kNotFound);
}

// A person's cases, whatever their cells, in id order.
TEST_P(StoreContractTest, CasesOfAPersonInIdOrder) {
  auto tx = Write();
  Id city = Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, {})));
  Id ward = Must(tx->Organisations().Insert(Unit("W", OrgKind::kGrassrootsCommittee, city)));
  Id cell1 = Must(tx->Organisations().Insert(Unit("W-1", OrgKind::kCell, ward)));
  Id cell2 = Must(tx->Organisations().Insert(Unit("W-2", OrgKind::kCell, ward)));
  Id person = Must(tx->People().Insert(SamplePerson(cell1)));
  Id other = Must(tx->People().Insert(SamplePerson(cell1, "Lê Thị Khác")));
  Case c{.person_id = person, .cell_id = cell1, .opened_on = D(2023, 1, 1)};
  const Id first = Must(tx->Cases().Insert(c));
  c.person_id = other;
  Must(tx->Cases().Insert(c));
  c.person_id = person;
  c.cell_id = cell2;
  c.stage = Stage::kWithdrawn;
  const Id second = Must(tx->Cases().Insert(c));
  Must(tx->Commit());
  auto read = Read();
  std::vector<Id> ids;
  for (const Case& k : Must(read->Cases().ListForPerson(person))) ids.push_back(k.id);
  EXPECT_EQ(ids, (std::vector<Id>{first, second}));
  EXPECT_TRUE(Must(read->Cases().ListForPerson(9999)).empty());
}

// S0: reviews of the lists of sources, newest first, per unit.
TEST_P(StoreContractTest, SourceReviewsRoundTripNewestFirst) {
  auto tx = Write();
  Id city = Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, {})));
  Id ward = Must(tx->Organisations().Insert(Unit("W", OrgKind::kGrassrootsCommittee, city)));
  Id other = Must(tx->Organisations().Insert(Unit("V", OrgKind::kGrassrootsCommittee, city)));
  Id first = Must(tx->SourceReviews().Insert({.org_id = ward, .reviewed_on = D(2023, 9, 5),
                                              .note = "Tháng 9", .actor = "warda",
                                              .recorded_at = "2023-09-05T02:00:00Z"}));
  Id second = Must(tx->SourceReviews().Insert({.org_id = ward, .reviewed_on = D(2023, 10, 5),
                                               .actor = "warda",
                                               .recorded_at = "2023-10-05T02:00:00Z"}));
  Must(tx->SourceReviews().Insert({.org_id = other, .reviewed_on = D(2023, 10, 6),
                                   .actor = "wardv", .recorded_at = "2023-10-06T02:00:00Z"}));
  EXPECT_EQ(CodeOf(tx->SourceReviews().Insert({.org_id = 9999, .reviewed_on = D(2023, 1, 1),
                                                .actor = "x", .recorded_at = "x"})),
            ErrorCode::kInvalid);
  Must(tx->Commit());
  auto read = Read();
  auto reviews = Must(read->SourceReviews().ListForOrganisations({ward}));
  ASSERT_EQ(reviews.size(), 2u);
  EXPECT_EQ(reviews[0].id, second);
  EXPECT_EQ(reviews[1].id, first);
  EXPECT_EQ(reviews[1].note, "Tháng 9");
  EXPECT_EQ(reviews[1].reviewed_on, D(2023, 9, 5));
  EXPECT_EQ(reviews[1].actor, "warda");
  EXPECT_EQ(reviews[1].recorded_at, "2023-09-05T02:00:00Z");
  EXPECT_EQ(Must(read->SourceReviews().ListForOrganisations({ward, other})).size(), 3u);
  EXPECT_TRUE(Must(read->SourceReviews().ListForOrganisations({})).empty());
}

// The ward's mass organisations, their nominations (decided once, optimistically) and their
// opinions on a case (one per organisation and kind); the widened role CHECK of 0019.
TEST_P(StoreContractTest, MassOrganisationsNominationsAndOpinionsRoundTrip) {
  World w = MakeWorld();
  auto tx = Write();
  Id youth = Must(tx->MassOrganisations().Insert(
      {.org_id = w.grassroots, .kind = MassOrgKind::kYouthUnion, .name = "Đoàn Thanh niên"}));
  Id militia = Must(tx->MassOrganisations().Insert(
      {.org_id = w.grassroots, .kind = MassOrgKind::kMilitiaCommand, .name = "Ban CHQS"}));
  EXPECT_EQ(CodeOf(tx->MassOrganisations().Insert(
                {.org_id = w.grassroots, .kind = MassOrgKind::kYouthUnion, .name = "Trùng"})),
            ErrorCode::kConflict);
  Must(tx->Commit());
  tx = Write();
  Case header{.person_id = w.person, .cell_id = w.cell, .opened_on = D(2023, 9, 1)};
  header.id = Must(tx->Cases().Insert(header));
  Nomination n{.mass_organisation_id = youth,
               .full_name = "Nguyễn Thị Đoàn",
               .birth_date = D(2003, 5, 6),
               .sex = Sex::kFemale,
               .category = SourceCategory::kStudent,
               .reason = "Bí thư chi đoàn",
               .nominated_on = D(2023, 8, 20),
               .actor = "doan",
               .recorded_at = "2023-08-20T02:00:00Z"};
  n.id = Must(tx->MassOrganisations().InsertNomination(n));
  Id later =
      Must(tx->MassOrganisations().InsertNomination({.mass_organisation_id = militia,
                                                     .full_name = "Phạm Văn Tài",
                                                     .birth_date = D(2001, 5, 1),
                                                     .reason = "Dân quân",
                                                     .nominated_on = D(2023, 9, 2),
                                                     .actor = "qs",
                                                     .recorded_at = "2023-09-02T02:00:00Z"}));
  n.status = NominationStatus::kAccepted;
  n.decided_on = D(2023, 9, 1);
  n.case_id = header.id;
  n.decided_by = "warda";
  Must(tx->MassOrganisations().DecideNomination(n));
  // A second decision from the version read before the first is a conflict.
  EXPECT_EQ(CodeOf(tx->MassOrganisations().DecideNomination(n)), ErrorCode::kConflict);
  Must(tx->MassOrganisations().InsertOpinion({.case_id = header.id,
                                              .mass_organisation_id = youth,
                                              .kind = OpinionKind::kOpinion,
                                              .given_on = D(2023, 10, 1),
                                              .content = "Tốt",
                                              .actor = "doan",
                                              .recorded_at = "2023-10-01T02:00:00Z"}));
  EXPECT_EQ(CodeOf(tx->MassOrganisations().InsertOpinion({.case_id = header.id,
                                                          .mass_organisation_id = youth,
                                                          .kind = OpinionKind::kOpinion,
                                                          .given_on = D(2023, 10, 2),
                                                          .content = "Lần hai",
                                                          .actor = "doan",
                                                          .recorded_at = "x"})),
            ErrorCode::kConflict);
  User account{.login = "doan.tayloc",
               .full_name = "Đoàn",
               .role = Role::kMassOrganisation,
               .org_id = w.grassroots,
               .mass_organisation_id = youth,
               .password_hash = "h"};
  Id user = Must(tx->Users().Insert(account));
  Must(tx->Commit());

  auto read = Read();
  EXPECT_EQ(Must(read->MassOrganisations().ListForUnits({w.grassroots})).size(), 2u);
  EXPECT_TRUE(Must(read->MassOrganisations().ListForUnits({w.cell})).empty());
  auto listed = Must(read->MassOrganisations().ListNominations({youth, militia}));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, later) << "newest nomination first";
  const Nomination stored = Must(read->MassOrganisations().GetNomination(n.id));
  EXPECT_EQ(stored.status, NominationStatus::kAccepted);
  EXPECT_EQ(stored.case_id, header.id);
  EXPECT_EQ(stored.decided_on, D(2023, 9, 1));
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(stored.sex, Sex::kFemale);
  EXPECT_EQ(Must(read->MassOrganisations().NominationsOfCases({header.id})).size(), 1u);
  auto opinions = Must(read->MassOrganisations().OpinionsOnCases({header.id}));
  ASSERT_EQ(opinions.size(), 1u);
  EXPECT_EQ(opinions[0].content, "Tốt");
  EXPECT_EQ(opinions[0].given_on, D(2023, 10, 1));
  auto counts = Must(read->MassOrganisations().CountOpinions({youth, militia}));
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0], std::make_pair(youth, 1));
  User back = Must(read->Users().Get(user));
  EXPECT_EQ(back.role, Role::kMassOrganisation);
  EXPECT_EQ(back.mass_organisation_id, youth);
  EXPECT_EQ(CodeOf(read->MassOrganisations().GetNomination(99999)), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, TreeQueriesScaleToANation) {
  // 1 + 60 + 1,200 + 48,000 units: the size of a national tree.
  auto tx = Write();
  Id top = Must(tx->Organisations().Insert(Unit("VN", OrgKind::kProvincialCommittee, {})));
  Id first_province = 0;
  int count = 1;
  for (int p = 0; p < 60; ++p) {
    Id province = Must(tx->Organisations().Insert(
        Unit(fmt::format("P{}", p), OrgKind::kProvincialCommittee, top)));
    if (p == 0) first_province = province;
    ++count;
    for (int g = 0; g < 20; ++g) {
      Id grassroots = Must(tx->Organisations().Insert(
          Unit(fmt::format("P{}-G{}", p, g), OrgKind::kGrassrootsCommittee, province)));
      ++count;
      for (int c = 0; c < 40; ++c) {
        Must(tx->Organisations().Insert(
            Unit(fmt::format("P{}-G{}-C{}", p, g, c), OrgKind::kCell, grassroots)));
        ++count;
      }
    }
  }
  Must(tx->Commit());

  auto started = std::chrono::steady_clock::now();
  auto read = Read();
  std::vector<Organisation> all = Must(read->Organisations().ListValidOn(D(2024, 1, 1)));
  std::vector<Id> province_subtree =
      Must(read->Organisations().SubtreeIds(first_province, D(2024, 1, 1)));
  std::vector<Id> everything = Must(read->Organisations().SubtreeIds(top, D(2024, 1, 1)));
  auto elapsed = std::chrono::steady_clock::now() - started;

  ASSERT_EQ(static_cast<int>(all.size()), count);
  std::set<Id> seen;
  for (const Organisation& o : all) {
    if (o.parent_id) {
      EXPECT_TRUE(seen.contains(*o.parent_id)) << o.code;
    }
    seen.insert(o.id);
  }
  EXPECT_EQ(province_subtree.size(), 1u + 20 + 20 * 40);
  EXPECT_EQ(static_cast<int>(everything.size()), count);
  // Quadratic behaviour would take minutes; the indexed walk takes well under a second.
  EXPECT_LT(elapsed, std::chrono::seconds(10));
  std::printf("  [tree of %d units: ListValidOn + 2 SubtreeIds in %lld ms]\n", count,
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()));
}

// ---------------------------------------------------------------------------------------------
// People

TEST_P(StoreContractTest, PersonRoundTripsEveryField) {
  World w = MakeWorld();
  Person p = Must(Read()->People().Get(w.person));
  Person expected = SamplePerson(w.cell);
  expected.id = w.person;
  EXPECT_EQ(Describe(p), Describe(expected));

  Person changed = p;
  changed.full_name = "Trần Thị Bình";
  changed.search_key = SearchKey(changed.full_name);
  changed.sex = Sex::kMale;
  changed.birth_date = D(1990, 12, 31);
  changed.ethnicity = "Kinh";
  changed.religion = "";
  changed.general_education = GeneralEducation::kUpperSecondary;
  changed.professional_education = "";
  changed.occupation = Occupation::kMilitia;
  changed.workplace_type = WorkplaceType::kNone;
  changed.youth_union_member = false;
  changed.trade_union_member = false;
  changed.id_number = "";
  changed.phone = "";
  changed.address = "";
  changed.org_id = w.grassroots;
  auto tx = Write();
  Must(tx->People().Update(changed));
  Must(tx->Commit());
  changed.version = 2;  // every update increments the version
  EXPECT_EQ(Describe(Must(Read()->People().Get(w.person))), Describe(changed));

  // An update from a stale read (version 1) is a conflict and changes nothing.
  auto stale = Write();
  Person old = p;
  old.full_name = "Lê Văn Cũ";
  Status refused = stale->People().Update(old);
  EXPECT_EQ(refused.ok() ? ErrorCode::kInvalid : refused.error().code, ErrorCode::kConflict);
  Must(stale->Commit());
  EXPECT_EQ(Describe(Must(Read()->People().Get(w.person))), Describe(changed));

  auto errors = Write();
  EXPECT_EQ(CodeOf(errors->People().Get(9999)), ErrorCode::kNotFound);
  Person ghost = changed;
  ghost.id = 9999;
  Status updated = errors->People().Update(ghost);
  EXPECT_EQ(updated.ok() ? ErrorCode::kInvalid : updated.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(errors->People().Insert(SamplePerson(9999))), ErrorCode::kInvalid);
}

std::string Describe(const std::optional<PreviousMembership>& pm) {
  if (!pm) return "none";
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}", FormatIsoDate(pm->left_on),
                     MembershipEndCode(pm->ended_by), CriminalRecordCode(pm->criminal_record),
                     Show(pm->record_cleared_on), pm->caused_serious_disunity,
                     pm->readmitted_before, pm->consent_number, Show(pm->consent_date));
}

// R15: the previous membership is written and read with the person, by every person query.
TEST_P(StoreContractTest, PreviousMembershipTravelsWithThePerson) {
  World w = MakeWorld();
  Person former = SamplePerson(w.cell, "Lê Văn Cựu");
  former.previous_membership = PreviousMembership{.left_on = D(2019, 3, 1),
                                                  .ended_by = MembershipEnd::kExpelled,
                                                  .criminal_record = CriminalRecord::kLessSerious,
                                                  .record_cleared_on = D(2018, 6, 30),
                                                  .caused_serious_disunity = true,
                                                  .readmitted_before = true,
                                                  .consent_number = "45-CV/TU",
                                                  .consent_date = D(2023, 2, 1)};
  auto tx = Write();
  Id id = Must(tx->People().Insert(former));
  Must(tx->Commit());
  const std::string want = Describe(former.previous_membership);
  EXPECT_EQ(want, "2019-03-01|expelled|less_serious|2018-06-30|true|true|45-CV/TU|2023-02-01");

  auto read = Read();
  EXPECT_EQ(Describe(Must(read->People().Get(id)).previous_membership), want);
  EXPECT_EQ(Describe(Must(read->People().Get(w.person)).previous_membership), "none");
  auto many = Must(read->People().GetMany({w.person, id}));
  ASSERT_EQ(many.size(), 2u);
  EXPECT_EQ(Describe(many[0].previous_membership), "none");
  EXPECT_EQ(Describe(many[1].previous_membership), want);
  for (const std::vector<Id>& orgs : {std::vector<Id>{}, std::vector<Id>{w.cell}}) {
    auto found = Must(read->People().Search("cuu", orgs, 10));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(Describe(found[0].previous_membership), want);
    auto same = Must(read->People().FindSameNameAndBirthDate(SearchKey("Lê Văn Cựu"),
                                                             former.birth_date, orgs, 10));
    ASSERT_EQ(same.size(), 1u);
    EXPECT_EQ(Describe(same[0].previous_membership), want);
  }
  read.reset();

  // An update replaces it (optional fields cleared), and bumps the person's version.
  Person changed = Must(Read()->People().Get(id));
  changed.previous_membership = PreviousMembership{
      .left_on = D(2020, 1, 2), .ended_by = MembershipEnd::kLeftForFamilyHardship};
  auto update = Write();
  Must(update->People().Update(changed));
  Must(update->Commit());
  Person updated = Must(Read()->People().Get(id));
  EXPECT_EQ(updated.version, 2);
  EXPECT_EQ(Describe(updated.previous_membership),
            "2020-01-02|family_hardship|none|-|false|false||-");

  // A stale update changes nothing; an update without it removes it.
  auto stale = Write();
  Status refused = stale->People().Update(changed);  // still version 1
  EXPECT_EQ(refused.ok() ? ErrorCode::kInvalid : refused.error().code, ErrorCode::kConflict);
  Must(stale->Commit());
  EXPECT_EQ(Describe(Must(Read()->People().Get(id)).previous_membership),
            Describe(updated.previous_membership));
  updated.previous_membership.reset();
  auto remove = Write();
  Must(remove->People().Update(updated));
  Must(remove->Commit());
  EXPECT_EQ(Describe(Must(Read()->People().Get(id)).previous_membership), "none");
}

TEST_P(StoreContractTest, SearchMatchesSubstringsWithinUnits) {
  World w = MakeWorld();
  auto tx = Write();
  Id other_cell = Must(tx->Organisations().Insert(Unit("OTHER", OrgKind::kCell, w.grassroots)));
  Id an = Must(tx->People().Insert(SamplePerson(w.cell, "Lê Văn An")));
  Id binh = Must(tx->People().Insert(SamplePerson(other_cell, "Phạm Văn Bình")));
  Must(tx->Commit());

  auto read = Read();
  auto names = [](const std::vector<Person>& people) {
    std::vector<std::string> out;
    for (const Person& p : people) out.push_back(p.full_name);
    return out;
  };
  // The names holding the text elsewhere than at the start: in the order they were recorded.
  EXPECT_EQ(names(Must(read->People().Search("van", {}, 10))),
            (std::vector<std::string>{"Nguyễn Văn Đức", "Lê Văn An", "Phạm Văn Bình"}));
  EXPECT_EQ(names(Must(read->People().Search("van", {w.cell}, 10))),
            (std::vector<std::string>{"Nguyễn Văn Đức", "Lê Văn An"}));
  EXPECT_EQ(names(Must(read->People().Search("van", {}, 1))),
            (std::vector<std::string>{"Nguyễn Văn Đức"}));
  EXPECT_TRUE(Must(read->People().Search("van", {}, 0)).empty());
  EXPECT_EQ(Must(read->People().Search("binh", {}, 10)).at(0).id, binh);

  // Thousands of unit ids (a province's subtree) are fine.
  std::vector<Id> many;
  for (Id id = 100000; id < 103000; ++id) many.push_back(id);
  many.push_back(other_cell);
  EXPECT_EQ(names(Must(read->People().Search("", many, 10))),
            (std::vector<std::string>{"Phạm Văn Bình"}));
  (void)an;
}

TEST_P(StoreContractTest, SearchPutsTheNameItselfThenTheNamesBeginningWithIt) {
  World w = MakeWorld();
  auto tx = Write();
  Id other_cell = Must(tx->Organisations().Insert(Unit("OTHER", OrgKind::kCell, w.grassroots)));
  Must(tx->People().Insert(SamplePerson(w.cell, "Lê Văn An")));
  Must(tx->People().Insert(SamplePerson(other_cell, "Văn Thị Hoa")));
  Must(tx->People().Insert(SamplePerson(w.cell, "Văn")));
  Must(tx->People().Insert(SamplePerson(other_cell, "Vân Anh")));
  Must(tx->Commit());
  auto read = Read();
  auto names = [](const std::vector<Person>& people) {
    std::vector<std::string> out;
    for (const Person& p : people) out.push_back(p.full_name);
    return out;
  };
  const std::vector<std::string> ranked = {"Văn", "Vân Anh", "Văn Thị Hoa", "Nguyễn Văn Đức",
                                           "Lê Văn An"};
  // Everyone, a few units (read directly) and many units (through the name indexes) alike.
  std::vector<Id> many;
  for (Id id = 100000; id < 103000; ++id) many.push_back(id);
  many.push_back(w.cell);
  many.push_back(other_cell);
  for (const std::vector<Id>& units : {std::vector<Id>{}, {w.cell, other_cell}, many}) {
    EXPECT_EQ(names(Must(read->People().Search("van", units, 10))), ranked) << units.size();
    EXPECT_EQ(names(Must(read->People().Search("van", units, 2))),
              (std::vector<std::string>{"Văn", "Vân Anh"}))
        << units.size();
    EXPECT_EQ(names(Must(read->People().Search("van an", units, 10))),
              (std::vector<std::string>{"Vân Anh", "Lê Văn An"}))
        << units.size();
  }
  EXPECT_EQ(names(Must(read->People().Search("van", {other_cell}, 10))),
            (std::vector<std::string>{"Vân Anh", "Văn Thị Hoa"}));
}

TEST_P(StoreContractTest, FindSameNameAndBirthDateWithinUnits) {
  World w = MakeWorld();  // "Nguyễn Văn Đức" in the cell
  Person born = Must(Read()->People().Get(w.person));
  auto tx = Write();
  Person twin = SamplePerson(w.grassroots, "NGUYEN van  DUC");
  twin.search_key = SearchKey(twin.full_name);
  twin.birth_date = born.birth_date;
  Id same = Must(tx->People().Insert(twin));
  Person other_day = SamplePerson(w.cell);
  other_day.birth_date = born.birth_date + std::chrono::days(1);
  Must(tx->People().Insert(other_day));
  Must(tx->People().Insert(SamplePerson(w.cell, "Nguyễn Văn Đức Anh")));
  Must(tx->Commit());

  auto read = Read();
  const std::string key = SearchKey("Nguyễn Văn Đức");
  auto ids = [](const std::vector<Person>& people) {
    std::vector<Id> out;
    for (const auto& p : people) out.push_back(p.id);
    return out;
  };
  EXPECT_EQ(ids(Must(read->People().FindSameNameAndBirthDate(key, born.birth_date, {}, 10))),
            (std::vector<Id>{w.person, same}));
  EXPECT_EQ(
      ids(Must(read->People().FindSameNameAndBirthDate(key, born.birth_date, {w.cell}, 10))),
      (std::vector<Id>{w.person}));
  EXPECT_EQ(ids(Must(read->People().FindSameNameAndBirthDate(key, born.birth_date, {}, 1))),
            (std::vector<Id>{w.person}));
  EXPECT_TRUE(
      Must(read->People().FindSameNameAndBirthDate(key, D(1900, 1, 1), {}, 10)).empty());
}

TEST_P(StoreContractTest, GetManyLoadsPeopleInOneCall) {
  World w = MakeWorld();
  auto tx = Write();
  Id an = Must(tx->People().Insert(SamplePerson(w.cell, "Lê Văn An")));
  Id binh = Must(tx->People().Insert(SamplePerson(w.cell, "Phạm Văn Bình")));
  Must(tx->Commit());
  auto read = Read();
  auto people = Must(read->People().GetMany({binh, 999999, an}));
  ASSERT_EQ(people.size(), 2u);
  EXPECT_EQ(people[0].id, an);
  EXPECT_EQ(people[0].full_name, "Lê Văn An");
  EXPECT_EQ(people[1].full_name, "Phạm Văn Bình");
  EXPECT_TRUE(Must(read->People().GetMany({})).empty());
  EXPECT_EQ(Must(read->People().Versions({binh, 999999, an})),
            (std::vector<std::pair<Id, int>>{{an, 1}, {binh, 1}}));
  EXPECT_TRUE(Must(read->People().Versions({})).empty());
  read.reset();
  auto edit = Write();
  Person changed = Must(edit->People().Get(binh));
  changed.phone = "0900000000";
  Must(edit->People().Update(changed));
  Must(edit->Commit());
  read = Read();
  EXPECT_EQ(Must(read->People().Versions({binh, an})),
            (std::vector<std::pair<Id, int>>{{an, 1}, {binh, 2}}));
}

TEST_P(StoreContractTest, SearchEscapesWildcards) {
  World w = MakeWorld();
  auto tx = Write();
  for (std::string key : {"ab_cd", "abxcd", "50% dat", "500 dat", "a\\b", "ab"}) {
    Person p = SamplePerson(w.cell, key);
    p.search_key = key;
    Must(tx->People().Insert(p));
  }
  Must(tx->Commit());

  auto read = Read();
  auto keys = [&](const std::string& query) {
    std::set<std::string> out;
    for (const Person& p : Must(read->People().Search(query, {}, 50))) out.insert(p.search_key);
    return out;
  };
  EXPECT_EQ(keys("b_c"), (std::set<std::string>{"ab_cd"}));
  EXPECT_EQ(keys("0%"), (std::set<std::string>{"50% dat"}));
  EXPECT_EQ(keys("%"), (std::set<std::string>{"50% dat"}));
  EXPECT_EQ(keys("_"), (std::set<std::string>{"ab_cd"}));
  EXPECT_EQ(keys("a\\b"), (std::set<std::string>{"a\\b"}));
  EXPECT_EQ(keys("\\"), (std::set<std::string>{"a\\b"}));
}

// ---------------------------------------------------------------------------------------------
// Memberships

TEST_P(StoreContractTest, MembershipCountsOnADate) {
  World w = MakeWorld();
  auto tx = Write();
  auto person = [&](const char* name) {
    return Must(tx->People().Insert(SamplePerson(w.cell, name)));
  };
  auto member = [&](Id p, MembershipKind kind, Date from, std::optional<Date> to = {}) {
    return Must(tx->Memberships().Insert(Membership{
        .person_id = p, .org_id = w.cell, .kind = kind, .valid_from = from, .valid_to = to}));
  };
  Id official = person("Official Since 2020");
  member(official, MembershipKind::kOfficial, D(2020, 5, 1));
  Id probationary = person("Probationary");
  member(probationary, MembershipKind::kProbationary, D(2023, 5, 1));
  Id recognised = person("Official From 2024-01-10");
  member(recognised, MembershipKind::kProbationary, D(2023, 1, 10), D(2024, 1, 9));
  Id recognised_membership = member(recognised, MembershipKind::kOfficial, D(2024, 1, 10));
  Id left = person("Left End Of 2022");
  member(left, MembershipKind::kOfficial, D(2015, 1, 1), D(2022, 12, 31));
  Must(tx->Commit());

  auto read = Read();
  EXPECT_EQ(Must(read->Memberships().CountOfficial(w.cell, D(2023, 12, 1))), 1);
  EXPECT_EQ(Must(read->Memberships().CountOfficial(w.cell, D(2024, 1, 9))), 1);
  EXPECT_EQ(Must(read->Memberships().CountOfficial(w.cell, D(2024, 1, 10))), 2);
  EXPECT_EQ(Must(read->Memberships().CountOfficial(w.cell, D(2022, 12, 31))), 2);
  EXPECT_EQ(Must(read->Memberships().CountOfficial(w.cell, D(2010, 1, 1))), 0);
  EXPECT_EQ(Must(read->Memberships().CountOfficial(w.grassroots, D(2024, 3, 1))), 0);
  EXPECT_EQ(Must(read->Memberships().OfficialMembers(w.cell, D(2024, 3, 1))),
            (std::vector<Id>{official, recognised}));
  auto counts = Must(read->Memberships().CountByOrganisation({w.grassroots, w.cell}, D(2023, 6, 1)));
  ASSERT_EQ(counts.size(), 1u);  // the committee holds no members
  EXPECT_EQ(counts[0].org_id, w.cell);
  EXPECT_EQ(counts[0].official, 1);
  EXPECT_EQ(counts[0].probationary, 2);
  counts = Must(read->Memberships().CountByOrganisation({w.cell}, D(2024, 1, 10)));
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0].official, 2);
  EXPECT_EQ(counts[0].probationary, 1);
  EXPECT_TRUE(Must(read->Memberships().CountByOrganisation({}, D(2024, 1, 10))).empty());
  // CountOfficialEach: CountOfficial of every unit asked, zeros included, by unit id.
  for (Date d : {D(2010, 1, 1), D(2022, 12, 31), D(2024, 1, 9), D(2024, 1, 10)}) {
    std::vector<std::pair<Id, int>> want;
    for (Id unit : std::set<Id>{w.grassroots, w.cell}) {
      want.emplace_back(unit, Must(read->Memberships().CountOfficial(unit, d)));
    }
    EXPECT_EQ(Must(read->Memberships().CountOfficialEach({w.cell, w.grassroots}, d)), want);
  }
  EXPECT_TRUE(Must(read->Memberships().CountOfficialEach({}, D(2024, 1, 10))).empty());

  std::optional<Membership> on = Must(read->Memberships().ValidOn(recognised, D(2023, 6, 1)));
  ASSERT_TRUE(on.has_value());
  EXPECT_EQ(on->kind, MembershipKind::kProbationary);
  EXPECT_FALSE(Must(read->Memberships().ValidOn(left, D(2023, 6, 1))).has_value());
  std::vector<Membership> history = Must(read->Memberships().ListForPerson(recognised));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(Describe(history[1]), Describe(Membership{.id = recognised_membership,
                                                      .person_id = recognised,
                                                      .org_id = w.cell,
                                                      .kind = MembershipKind::kOfficial,
                                                      .valid_from = D(2024, 1, 10)}));
  // ListForPeople: each person's ListForPerson, by person id, in one query; unknown ids add
  // nothing.
  std::vector<std::string> want, got;
  std::vector<Id> people = {recognised, 9999, left, official};
  std::sort(people.begin(), people.end());
  for (Id p : people) {
    for (const Membership& m : Must(read->Memberships().ListForPerson(p))) {
      want.push_back(Describe(m));
    }
  }
  for (const Membership& m :
       Must(read->Memberships().ListForPeople({recognised, 9999, left, official}))) {
    got.push_back(Describe(m));
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(want.size(), 4u);
  EXPECT_TRUE(Must(read->Memberships().ListForPeople({})).empty());
  read.reset();

  auto close = Write();
  Must(close->Memberships().Close(recognised_membership, D(2024, 6, 30)));
  Status twice = close->Memberships().Close(recognised_membership, D(2024, 7, 1));
  EXPECT_EQ(twice.ok() ? ErrorCode::kInvalid : twice.error().code, ErrorCode::kConflict);
  Status missing = close->Memberships().Close(9999, D(2024, 7, 1));
  EXPECT_EQ(missing.ok() ? ErrorCode::kInvalid : missing.error().code, ErrorCode::kNotFound);
  Must(close->Commit());
  EXPECT_EQ(Must(Read()->Memberships().CountOfficial(w.cell, D(2024, 7, 1))), 1);
}

// ---------------------------------------------------------------------------------------------
// Cases

TEST_P(StoreContractTest, CaseRoundTripsAndVersions) {
  World w = MakeWorld();
  Case header = SampleCase(w.person, w.cell);
  header.version = 7;  // ignored: a new case starts at version 1
  auto tx = Write();
  header.id = Must(tx->Cases().Insert(header));
  Must(tx->Commit());
  header.version = 1;
  Case stored = Must(Read()->Cases().Get(header.id));
  EXPECT_EQ(Describe(stored), Describe(header));

  stored.stage = Stage::kAdmitted;
  stored.category = SourceCategory::kMilitia;
  stored.opened_on = D(2023, 3, 2);
  stored.certificate_date = D(2022, 11, 5);
  stored.dossier_date = D(2023, 4, 1);
  stored.cell_vote_date = D(2023, 6, 1);
  stored.decision_date = D(2023, 8, 1);
  stored.ceremony_date = D(2023, 9, 2);
  stored.official_date = D(2024, 9, 2);
  stored.closed_on = D(2024, 9, 3);
  stored.next_deadline = D(2023, 10, 14);
  stored.next_deadline_rule = "S13";
  auto update = Write();
  Must(update->Cases().Update(stored));
  Must(update->Commit());
  Case after = Must(Read()->Cases().Get(header.id));
  stored.version = 2;
  EXPECT_EQ(Describe(after), Describe(stored));

  auto errors = Write();
  EXPECT_EQ(CodeOf(errors->Cases().Get(9999)), ErrorCode::kNotFound);
  Case ghost = after;
  ghost.id = 9999;
  Status missing = errors->Cases().Update(ghost);
  EXPECT_EQ(missing.ok() ? ErrorCode::kInvalid : missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(errors->Cases().Insert(SampleCase(9999, w.cell))), ErrorCode::kInvalid);
}

TEST_P(StoreContractTest, ConcurrentCaseUpdateIsAConflict) {
  World w = MakeWorld();
  auto tx = Write();
  Id id = Must(tx->Cases().Insert(SampleCase(w.person, w.cell)));
  Must(tx->Commit());

  // Two users load the case (version 1) at the same time.
  auto first_reader = Read();
  auto second_reader = Read();
  Case first = Must(first_reader->Cases().Get(id));
  Case second = Must(second_reader->Cases().Get(id));
  ASSERT_EQ(first.version, 1);
  ASSERT_EQ(second.version, 1);

  first.stage = Stage::kCellApproved;
  auto first_writer = Write();
  Must(first_writer->Cases().Update(first));
  Must(first_writer->Commit());

  second.stage = Stage::kWithdrawn;
  auto second_writer = Write();
  Status stale = second_writer->Cases().Update(second);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().message, "Hồ sơ đã được người khác cập nhật, vui lòng tải lại");
  second_writer.reset();

  Case stored = Must(Read()->Cases().Get(id));
  EXPECT_EQ(stored.stage, Stage::kCellApproved);
  EXPECT_EQ(stored.version, 2);
}

TEST_P(StoreContractTest, ThreadsUpdatingOneCaseLoseNoUpdate) {
  World w = MakeWorld();
  Id id = 0;
  {
    auto tx = Write();
    id = Must(tx->Cases().Insert(SampleCase(w.person, w.cell)));
    Must(tx->Commit());
  }
  constexpr int kThreads = 4;
  constexpr int kIncrements = 10;
  std::atomic<int> failures = 0;
  std::atomic<int> conflicts = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int done = 0; done < kIncrements;) {
        // Read in one transaction, write in another: the web request pattern.
        Result<std::unique_ptr<Transaction>> read = store_->Begin(Access::kReadOnly);
        if (!read.ok()) {
          ++failures;
          return;
        }
        Result<Case> loaded = (*read)->Cases().Get(id);
        read->reset();
        if (!loaded.ok()) {
          ++failures;
          return;
        }
        Case header = *loaded;
        header.next_deadline_rule = fmt::format("v{}", header.version + 1);
        Result<std::unique_ptr<Transaction>> write = store_->Begin(Access::kReadWrite);
        if (!write.ok()) {
          ++failures;
          return;
        }
        Status updated = (*write)->Cases().Update(header);
        if (!updated.ok()) {
          if (updated.error().code != ErrorCode::kConflict) {
            ++failures;
            return;
          }
          ++conflicts;
          continue;  // reload and retry
        }
        if (!(*write)->Commit().ok()) {
          ++failures;
          return;
        }
        ++done;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  Case final_case = Must(Read()->Cases().Get(id));
  EXPECT_EQ(final_case.version, 1 + kThreads * kIncrements);
  EXPECT_EQ(final_case.next_deadline_rule, fmt::format("v{}", final_case.version));
}

TEST_P(StoreContractTest, UncommittedTransactionLeavesNothing) {
  {
    auto tx = Write();
    Id unit = Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, {})));
    Id person = Must(tx->People().Insert(SamplePerson(unit)));
    Id case_id = Must(tx->Cases().Insert(SampleCase(person, unit)));
    Must(tx->Cases().AppendEvent(CaseEvent{.case_id = case_id, .date = D(2024, 1, 1)}));
    Must(tx->Memberships().Insert(
        Membership{.person_id = person, .org_id = unit, .valid_from = D(2020, 1, 1)}));
    Must(tx->Audit().Append(SampleAudit("case.create", case_id)));
    Must(tx->Calendar().PutYear(CalendarYear{.year = 2024}));
    Must(tx->RuleSets().Put(RuleSet2021()));
    // Destroyed without Commit().
  }
  auto read = Read();
  EXPECT_EQ(CodeOf(read->Organisations().GetByCode("HUE")), ErrorCode::kNotFound);
  EXPECT_TRUE(Must(read->People().Search("", {}, 10)).empty());
  EXPECT_EQ(Must(read->Cases().Count(CaseFilter{})), 0);
  EXPECT_EQ(Must(read->Audit().Verify()).entries, 0);
  EXPECT_TRUE(Must(read->Calendar().ListYears()).empty());
  EXPECT_TRUE(Must(read->RuleSets().List()).empty());
  read.reset();

  // The connection went back to the pool clean: a new writer is not blocked.
  auto tx = Write();
  Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, {})));
  Must(tx->Commit());
}

TEST_P(StoreContractTest, ReadersSeeASnapshotWhileAWriterWorks) {
  World w = MakeWorld();
  auto writer = Write();
  Must(writer->People().Insert(SamplePerson(w.cell, "Người Mới")));
  // A reader neither blocks nor sees the uncommitted row.
  auto reader = Read();
  EXPECT_EQ(Must(reader->People().Search("nguoi moi", {}, 10)).size(), 0u);
  Must(writer->Commit());
  reader.reset();
  EXPECT_EQ(Must(Read()->People().Search("nguoi moi", {}, 10)).size(), 1u);
}

TEST_P(StoreContractTest, WorkAfterCommitIsRefused) {
  auto tx = Write();
  Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, {})));
  Must(tx->Commit());
  // Work after Commit() is refused rather than silently autocommitted.
  EXPECT_EQ(CodeOf(tx->Organisations().Insert(Unit("X", OrgKind::kCell, {}))),
            ErrorCode::kUnavailable);
}

CaseEvent FullEvent(Id case_id, Id member) {
  CaseEvent e;
  e.case_id = case_id;
  e.action = Action::kCellVote;
  e.date = D(2024, 2, 20);
  e.actor = "cb01.bithu";
  e.recorded_at = "2024-02-21T09:15:00+07:00";
  e.documents = {
      Document{.form_code = "6-KNĐ",
               .number = "12-NQ/CB",
               .date = D(2024, 2, 20),
               .issuer = "Chi bộ Khu vực 1"},
      Document{.form_code = "BB", .number = "", .date = std::nullopt, .issuer = ""},
  };
  e.vote = Vote{.eligible = 15, .present = 13, .in_favour = 12, .against = 1};
  e.member_person_id = member;
  e.together_since = D(2022, 1, 15);
  e.replacement = Replacement::kYes;
  e.relative_name = "Nguyễn Văn Cha";
  e.relation = Relation::kFather;
  e.relative_is_member = true;
  e.finding = Finding::kPoliticalIssue;
  e.consent = ConsentKind::kEducationException;
  e.received_on = D(2024, 3, 1);
  e.extension_working_days = 25;
  e.note = "Ghi chú: «đặc biệt» 'quote' \"double\" \\ %_";
  return e;
}

TEST_P(StoreContractTest, EventsRoundTripEveryField) {
  World w = MakeWorld();
  auto tx = Write();
  Id case_id = Must(tx->Cases().Insert(SampleCase(w.person, w.cell)));
  CaseEvent minimal{.case_id = case_id,
                    .action = Action::kOpenDossier,
                    .date = D(2024, 1, 5),
                    .actor = "a",
                    .recorded_at = "2024-01-05T00:00:00Z"};
  minimal.id = Must(tx->Cases().AppendEvent(minimal));
  minimal.seq = 1;
  CaseEvent full = FullEvent(case_id, w.person);
  full.id = Must(tx->Cases().AppendEvent(full));
  full.seq = 2;
  Must(tx->Commit());

  CaseRecord record = Must(Read()->Cases().GetRecord(case_id));
  EXPECT_EQ(record.header.id, case_id);
  ASSERT_EQ(record.events.size(), 2u);
  EXPECT_EQ(Describe(record.events[0]), Describe(minimal));
  EXPECT_EQ(Describe(record.events[1]), Describe(full));

  auto errors = Write();
  EXPECT_EQ(CodeOf(errors->Cases().AppendEvent(CaseEvent{.case_id = 9999})), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(errors->Cases().GetRecord(9999)), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, AttachmentsKeepTheirBytesAndBelongToADocument) {
  World w = MakeWorld();
  auto tx = Write();
  Id case_id = Must(tx->Cases().Insert(SampleCase(w.person, w.cell)));
  Id event_id = Must(tx->Cases().AppendEvent(FullEvent(case_id, w.person)));
  // Every byte value, NUL included, comes back as written.
  std::string content = "%PDF-1.7\n";
  for (int b = 0; b < 256; ++b) content += static_cast<char>(b);
  Attachment scan{.case_id = case_id,
                  .event_id = event_id,
                  .position = 2,
                  .file_name = "Biên bản họp.pdf",
                  .type = ScanType::kPdf,
                  .size_bytes = static_cast<std::int64_t>(content.size()),
                  .sha256 = std::string(64, 'a'),
                  .uploaded_by = "taylocdu",
                  .uploaded_at = "2024-02-21T09:15:00Z"};
  scan.id = Must(tx->Attachments().Insert(scan, content));
  Attachment photo = scan;
  photo.position = 1;
  photo.file_name = "anh.png";
  photo.type = ScanType::kPng;
  photo.id = Must(tx->Attachments().Insert(photo, "\x89PNG"));
  // A document that was never recorded takes no scan.
  Attachment stray = scan;
  stray.position = 3;
  EXPECT_EQ(CodeOf(tx->Attachments().Insert(stray, content)), ErrorCode::kNotFound);
  Must(tx->Commit());

  auto read = Read();
  std::vector<Attachment> listed = Must(read->Attachments().ListForCase(case_id));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, scan.id);
  EXPECT_EQ(listed[0].form_code, "BB");
  EXPECT_EQ(listed[0].file_name, "Biên bản họp.pdf");
  EXPECT_EQ(listed[0].type, ScanType::kPdf);
  EXPECT_EQ(listed[0].size_bytes, scan.size_bytes);
  EXPECT_EQ(listed[0].sha256, scan.sha256);
  EXPECT_EQ(listed[0].uploaded_by, "taylocdu");
  EXPECT_EQ(listed[0].uploaded_at, "2024-02-21T09:15:00Z");
  EXPECT_EQ(listed[1].form_code, "6-KNĐ");
  EXPECT_EQ(listed[1].type, ScanType::kPng);

  auto [stored, bytes] = Must(read->Attachments().GetWithContent(case_id, scan.id));
  EXPECT_EQ(stored.file_name, scan.file_name);
  EXPECT_EQ(bytes, content);
  // A scan is found only through its own case.
  EXPECT_EQ(CodeOf(read->Attachments().GetWithContent(case_id + 1, scan.id)), ErrorCode::kNotFound);
  EXPECT_TRUE(Must(read->Attachments().ListForCase(case_id + 1)).empty());
}

TEST_P(StoreContractTest, ListSearchesSortsAndCountsByStage) {
  World w = MakeWorld();
  auto tx = Write();
  auto person = [&](std::string name, std::string key) {
    Person p = SamplePerson(w.cell, std::move(name));
    p.search_key = std::move(key);
    return Must(tx->People().Insert(p));
  };
  Id an = person("Trần Thị An", "tran thi an");
  Id binh = person("Lê Văn Bình", "le van binh");
  Id pct = person("Phạm 100% Cường", "pham 100% cuong");
  auto add = [&](Id who, Stage stage, Date opened, std::optional<Date> deadline) {
    Case c = SampleCase(who, w.cell);
    c.stage = stage;
    c.opened_on = opened;
    c.next_deadline = deadline;
    return Must(tx->Cases().Insert(c));
  };
  Id a = add(an, Stage::kProbation, D(2024, 1, 5), D(2024, 6, 1));
  Id b = add(binh, Stage::kSource, D(2023, 5, 1), std::nullopt);
  Id c = add(pct, Stage::kDossier, D(2024, 2, 1), D(2024, 4, 1));
  Id d = add(an, Stage::kDossier, D(2022, 9, 9), D(2024, 3, 1));
  Must(tx->Commit());

  auto read = Read();
  auto ids = [&](CaseFilter filter) {
    std::vector<Id> out;
    for (const Case& x : Must(read->Cases().List(filter))) out.push_back(x.id);
    return out;
  };
  // Search by the person's key, literally: '%' and '_' are not wildcards.
  EXPECT_EQ(ids({.person_key = "thi an"}), (std::vector<Id>{a, d}));
  EXPECT_EQ(ids({.person_key = "100%"}), (std::vector<Id>{c}));
  EXPECT_EQ(ids({.person_key = "1_0"}), (std::vector<Id>{}));
  EXPECT_EQ(Must(read->Cases().Count({.person_key = "an"})), 3);  // "le van binh" too
  EXPECT_EQ(ids({.stage = Stage::kDossier, .person_key = "thi an"}), (std::vector<Id>{d}));

  // Sorting; ties by id; cases without a deadline last in both directions.
  EXPECT_EQ(ids({.sort = CaseSort::kNextDeadline}), (std::vector<Id>{d, c, a, b}));
  EXPECT_EQ(ids({.sort = CaseSort::kNextDeadline, .descending = true}),
            (std::vector<Id>{a, c, d, b}));
  EXPECT_EQ(ids({.sort = CaseSort::kOpenedOn}), (std::vector<Id>{d, b, a, c}));
  EXPECT_EQ(ids({.sort = CaseSort::kPersonName}), (std::vector<Id>{b, c, a, d}));
  EXPECT_EQ(ids({.sort = CaseSort::kPersonName, .descending = true}),
            (std::vector<Id>{d, a, c, b}));
  EXPECT_EQ(ids({.sort = CaseSort::kStage}), (std::vector<Id>{b, c, d, a}));
  EXPECT_EQ(ids({.limit = 2, .offset = 1, .sort = CaseSort::kNextDeadline}),
            (std::vector<Id>{c, a}));

  // Counts per stage, in procedural order, with the other conditions applied.
  using Counts = std::vector<std::pair<Stage, int>>;
  EXPECT_EQ(Must(read->Cases().CountByStage({})),
            (Counts{{Stage::kSource, 1}, {Stage::kDossier, 2}, {Stage::kProbation, 1}}));
  EXPECT_EQ(Must(read->Cases().CountByStage({.person_key = "thi an"})),
            (Counts{{Stage::kDossier, 1}, {Stage::kProbation, 1}}));
  EXPECT_EQ(Must(read->Cases().CountByStage({.cell_ids = {w.cell}, .open_only = true,
                                             .deadline_before = D(2024, 3, 31)})),
            (Counts{{Stage::kDossier, 1}}));
}

TEST_P(StoreContractTest, ListFiltersAndLoadsRecordsInBatches) {
  World w = MakeWorld();
  auto tx = Write();
  Id cell2 = Must(tx->Organisations().Insert(Unit("CB02", OrgKind::kCell, w.grassroots)));
  Id cell3 = Must(tx->Organisations().Insert(Unit("CB03", OrgKind::kCell, w.grassroots)));
  auto add = [&](Id cell, Stage stage, SourceCategory category, std::optional<Date> deadline,
                 int events) {
    Case c = SampleCase(w.person, cell);
    c.stage = stage;
    c.category = category;
    c.next_deadline = deadline;
    Id id = Must(tx->Cases().Insert(c));
    for (int i = 0; i < events; ++i) {
      CaseEvent e = FullEvent(id, w.person);
      e.note = fmt::format("case {} event {}", id, i + 1);
      e.documents.resize(i % 3);
      Must(tx->Cases().AppendEvent(e));
    }
    return id;
  };
  Id a = add(w.cell, Stage::kDossier, SourceCategory::kTeacher, D(2024, 3, 1), 3);
  Id b = add(w.cell, Stage::kWithdrawn, SourceCategory::kTeacher, std::nullopt, 1);
  Id c = add(cell2, Stage::kDossier, SourceCategory::kStudent, D(2024, 5, 1), 0);
  Id d = add(cell2, Stage::kProbation, SourceCategory::kMilitia, D(2024, 2, 1), 2);
  Id e = add(cell3, Stage::kSource, SourceCategory::kTeacher, std::nullopt, 1);
  Must(tx->Commit());

  auto read = Read();
  auto ids = [&](const CaseFilter& filter) {
    std::vector<Id> out;
    for (const Case& x : Must(read->Cases().List(filter))) out.push_back(x.id);
    EXPECT_EQ(Must(read->Cases().Count(CaseFilter{filter.cell_ids, filter.stage, filter.category,
                                                  filter.open_only, filter.deadline_before})),
              static_cast<int>(Must(read->Cases().List(CaseFilter{filter.cell_ids, filter.stage,
                                                                  filter.category, filter.open_only,
                                                                  filter.deadline_before, 1000, 0}))
                                   .size()));
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<Id>{a, b, c, d, e}));
  EXPECT_EQ(ids({.cell_ids = {w.cell, cell3}}), (std::vector<Id>{a, b, e}));
  EXPECT_EQ(ids({.stage = Stage::kDossier}), (std::vector<Id>{a, c}));
  EXPECT_EQ(ids({.category = SourceCategory::kTeacher}), (std::vector<Id>{a, b, e}));
  EXPECT_EQ(ids({.open_only = true}), (std::vector<Id>{a, c, d, e}));
  EXPECT_EQ(ids({.deadline_before = D(2024, 3, 1)}), (std::vector<Id>{a, d}));
  EXPECT_EQ(ids({.cell_ids = {w.cell},
                 .category = SourceCategory::kTeacher,
                 .open_only = true,
                 .deadline_before = D(2024, 12, 31)}),
            (std::vector<Id>{a}));
  EXPECT_EQ(ids({.limit = 2, .offset = 1}), (std::vector<Id>{b, c}));
  EXPECT_EQ(ids({.limit = 0}), (std::vector<Id>{}));
  EXPECT_EQ(Must(read->Cases().Count({.limit = 1})), 5);

  // Thousands of cell ids travel as data, not as SQL text.
  CaseFilter many{.cell_ids = {cell2}};
  for (Id id = 500000; id < 505000; ++id) many.cell_ids.push_back(id);
  EXPECT_EQ(ids(many), (std::vector<Id>{c, d}));

  // Records: every case with its events and documents, exactly as GetRecord returns them.
  std::vector<CaseRecord> records =
      Must(read->Cases().ListRecords({.limit = 100}, EventDocuments::kLoad));
  ASSERT_EQ(records.size(), 5u);
  for (const CaseRecord& record : records) {
    CaseRecord single = Must(read->Cases().GetRecord(record.header.id));
    EXPECT_EQ(Describe(record.header), Describe(single.header));
    ASSERT_EQ(record.events.size(), single.events.size());
    for (std::size_t i = 0; i < record.events.size(); ++i) {
      EXPECT_EQ(Describe(record.events[i]), Describe(single.events[i]));
      EXPECT_EQ(record.events[i].seq, static_cast<int>(i) + 1);
      EXPECT_EQ(record.events[i].documents.size(), i % 3);
    }
  }
  EXPECT_EQ(records[0].events.size(), 3u);
  EXPECT_EQ(records[2].events.size(), 0u);
  // Without documents: the same events in the same order, none of their documents.
  std::vector<CaseRecord> bare =
      Must(read->Cases().ListRecords({.limit = 100}, EventDocuments::kSkip));
  ASSERT_EQ(bare.size(), records.size());
  for (std::size_t r = 0; r < bare.size(); ++r) {
    EXPECT_EQ(Describe(bare[r].header), Describe(records[r].header));
    ASSERT_EQ(bare[r].events.size(), records[r].events.size());
    for (std::size_t i = 0; i < bare[r].events.size(); ++i) {
      CaseEvent expected = records[r].events[i];
      expected.documents.clear();
      EXPECT_EQ(Describe(bare[r].events[i]), Describe(expected));
    }
  }
  std::vector<CaseRecord> filtered = Must(read->Cases().ListRecords(many, EventDocuments::kLoad));
  ASSERT_EQ(filtered.size(), 2u);
  EXPECT_EQ(filtered[1].header.id, d);
  EXPECT_EQ(filtered[1].events.size(), 2u);
  EXPECT_EQ(filtered[1].events[1].note, fmt::format("case {} event 2", d));
}

// ---------------------------------------------------------------------------------------------
// Calendar and rule sets

TEST_P(StoreContractTest, CalendarRoundTripsAndReplacesAYear) {
  CalendarYear y2024{
      .year = 2024,
      .replaces_default = true,
      .source = "Thông báo 6150/TB-LĐTBXH ngày 23/11/2023",
      .days = {{D(2024, 2, 8), DayKind::kHoliday, "Tết Nguyên Đán"},
               {D(2024, 2, 9), DayKind::kHoliday, "Tết Nguyên Đán"},
               {D(2024, 5, 4), DayKind::kWorkday, "Làm bù"}},
  };
  CalendarYear y2023{.year = 2023, .replaces_default = false, .source = "admin", .days = {}};
  auto tx = Write();
  Must(tx->Calendar().PutYear(y2024));
  Must(tx->Calendar().PutYear(y2023));
  Must(tx->Commit());

  auto describe = [](const CalendarYear& y) {
    std::string out = fmt::format("{}|{}|{}", y.year, y.replaces_default, y.source);
    for (const CalendarDay& d : y.days) {
      out += fmt::format("[{}|{}|{}]", FormatIsoDate(d.date),
                         d.kind == DayKind::kHoliday ? "holiday" : "workday", d.note);
    }
    return out;
  };
  std::vector<CalendarYear> years = Must(Read()->Calendar().ListYears());
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(describe(years[0]), describe(y2023));
  EXPECT_EQ(describe(years[1]), describe(y2024));

  CalendarYear corrected{.year = 2024,
                         .replaces_default = false,
                         .source = "Sửa bởi quản trị",
                         .days = {{D(2024, 4, 29), DayKind::kHoliday, "Nghỉ bù"}}};
  auto update = Write();
  Must(update->Calendar().PutYear(corrected));
  Must(update->Commit());
  years = Must(Read()->Calendar().ListYears());
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(describe(years[1]), describe(corrected));

  auto duplicate = Write();
  CalendarYear twice{.year = 2025, .days = {{D(2025, 1, 1)}, {D(2025, 1, 1)}}};
  Status put = duplicate->Calendar().PutYear(twice);
  EXPECT_EQ(put.ok() ? ErrorCode::kInvalid : put.error().code, ErrorCode::kConflict);
}

std::string DescribeRuleSet(const RuleSet& r) {
  std::string out = fmt::format("{}|{}|{}|{}", r.code, r.legal_basis,
                                FormatIsoDate(r.in_force_from), Show(r.in_force_to));
  for (const RuleParameter& p : RuleParameters()) {
    out += fmt::format("|{}={}", p.name, Must(GetRuleParameter(r, p.name)));
  }
  return out;
}

TEST_P(StoreContractTest, RuleSetsRoundTripEveryParameter) {
  RuleSet r2021 = RuleSet2021();
  Must(SetRuleParameter(r2021, "decision_working_days", 45));
  Must(SetRuleParameter(r2021, "stale_redo_verification", 0));
  RuleSet r2025 = RuleSet2025();
  auto tx = Write();
  Must(tx->RuleSets().Put(r2025));  // inserted first, listed second (by in_force_from)
  Must(tx->RuleSets().Put(r2021));
  Must(tx->Commit());

  std::vector<RuleSet> sets = Must(Read()->RuleSets().List());
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(DescribeRuleSet(sets[0]), DescribeRuleSet(r2021));
  EXPECT_EQ(DescribeRuleSet(sets[1]), DescribeRuleSet(r2025));

  // Put with an existing code replaces that set.
  r2021.legal_basis = "Sửa đổi";
  r2021.in_force_to = D(2025, 1, 19);
  Must(SetRuleParameter(r2021, "probation_months", 18));
  auto update = Write();
  Must(update->RuleSets().Put(r2021));
  Must(update->Commit());
  sets = Must(Read()->RuleSets().List());
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(DescribeRuleSet(sets[0]), DescribeRuleSet(r2021));
}

// ---------------------------------------------------------------------------------------------
// Audit

TEST_P(StoreContractTest, AuditChainLinksAndVerifies) {
  std::vector<AuditEntry> written;
  for (int batch = 0; batch < 2; ++batch) {
    auto tx = Write();
    for (int i = 0; i < 3; ++i) {
      AuditEntry entry = SampleAudit(fmt::format("case.step{}", i), 40 + i % 2);
      entry.before = batch == 0 && i == 0 ? "" : entry.before;  // a create
      Must(tx->Audit().Append(entry));
    }
    Must(tx->Commit());
  }
  auto read = Read();
  AuditVerification check = Must(read->Audit().Verify());
  EXPECT_TRUE(check.intact) << check.message;
  EXPECT_EQ(check.entries, 6);
  EXPECT_EQ(check.first_bad_id, 0);
  EXPECT_FALSE(check.message.empty());

  std::vector<AuditEntry> for_40 = Must(read->Audit().ListForEntity("case", 40));
  ASSERT_EQ(for_40.size(), 4u);  // i = 0 and 2 in each batch
  EXPECT_EQ(for_40[0].prev_hash, "");
  EXPECT_EQ(for_40[0].hash.size(), 64u);
  EXPECT_EQ(for_40[0].action, "case.step0");
  EXPECT_EQ(for_40[0].before, "");
  EXPECT_EQ(for_40[1].after, R"({"stage":"cell_approved","note":"Chi bộ đồng ý"})");
  std::vector<AuditEntry> for_41 = Must(read->Audit().ListForEntity("case", 41));
  ASSERT_EQ(for_41.size(), 2u);
  // Entry 2 (for case 41) links to entry 1.
  EXPECT_EQ(for_41[0].prev_hash, for_40[0].hash);
  EXPECT_TRUE(Must(read->Audit().ListForEntity("person", 40)).empty());

  AuditEntry expected = SampleAudit("case.step1", 41);
  expected.id = for_41[0].id;
  expected.prev_hash = for_40[0].hash;
  expected.hash = for_41[0].hash;
  EXPECT_EQ(Describe(for_41[0]), Describe(expected));
}

TEST_P(StoreContractTest, AuditPagesAnOrganisationsTrailNewestFirst) {
  auto tx = Write();
  for (int i = 0; i < 7; ++i) {
    AuditEntry entry = SampleAudit(fmt::format("case.step{}", i), 40);
    entry.org_id = i % 3 == 0 ? 5 : (i % 3 == 1 ? 6 : 7);  // 5: 0 3 6; 6: 1 4; 7: 2 5
    Must(tx->Audit().Append(entry));
  }
  Must(tx->Commit());
  auto read = Read();
  auto actions = [](const std::vector<AuditEntry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.action);
    return out;
  };
  std::vector<AuditEntry> page = Must(read->Audit().ListForOrganisations({5, 6}, std::nullopt, 3));
  EXPECT_EQ(actions(page), (std::vector<std::string>{"case.step6", "case.step4", "case.step3"}));
  page = Must(read->Audit().ListForOrganisations({5, 6}, page.back().id, 3));
  EXPECT_EQ(actions(page), (std::vector<std::string>{"case.step1", "case.step0"}));
  EXPECT_TRUE(Must(read->Audit().ListForOrganisations({5, 6}, page.back().id, 3)).empty());
  EXPECT_TRUE(Must(read->Audit().ListForOrganisations({}, std::nullopt, 3)).empty());
  EXPECT_TRUE(Must(read->Audit().ListForOrganisations({8}, std::nullopt, 3)).empty());
}

TEST_P(StoreContractTest, AuditLogIsAppendOnly) {
  auto tx = Write();
  Must(tx->Audit().Append(SampleAudit("case.create", 1)));
  Must(tx->Commit());
  EXPECT_FALSE(GetParam().raw_execute(dir_.path(), "UPDATE audit_log SET actor = 'mallory'").ok());
  EXPECT_FALSE(GetParam().raw_execute(dir_.path(), "DELETE FROM audit_log").ok());
  EXPECT_TRUE(Must(Read()->Audit().Verify()).intact);
}

TEST_P(StoreContractTest, AuditVerifyDetectsTampering) {
  auto tx = Write();
  for (int i = 0; i < 4; ++i) Must(tx->Audit().Append(SampleAudit("case.transition", i)));
  Must(tx->Commit());
  Must(GetParam().raw_execute(dir_.path(), GetParam().drop_audit_protection));

  // Rewriting a field.
  Must(GetParam().raw_execute(dir_.path(), "UPDATE audit_log SET actor = 'mallory' WHERE id = 2"));
  AuditVerification edited = Must(Read()->Audit().Verify());
  EXPECT_FALSE(edited.intact);
  EXPECT_EQ(edited.first_bad_id, 2);
  EXPECT_NE(edited.message.find("2"), std::string::npos);

  // Restoring the field but deleting an entry: the next one no longer links.
  Must(GetParam().raw_execute(dir_.path(),
                              "UPDATE audit_log SET actor = 'cb01.bithu' WHERE id = 2"));
  EXPECT_TRUE(Must(Read()->Audit().Verify()).intact);
  Must(GetParam().raw_execute(dir_.path(), "DELETE FROM audit_log WHERE id = 3"));
  AuditVerification deleted = Must(Read()->Audit().Verify());
  EXPECT_FALSE(deleted.intact);
  EXPECT_EQ(deleted.first_bad_id, 4);
}

// ---------------------------------------------------------------------------------------------
// Users and sessions

std::string Show(const std::optional<Instant>& t) {
  return t ? std::to_string(t->time_since_epoch().count()) : "-";
}

std::string Describe(const User& u) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", u.id, u.login, u.full_name,
                     RoleCode(u.role), u.org_id, u.password_hash, u.disabled,
                     u.created_at.time_since_epoch().count(),
                     u.password_changed_at.time_since_epoch().count(), Show(u.last_login_at),
                     u.failed_attempts, Show(u.locked_until));
}

std::string Describe(const Session& s) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}", s.id, s.token_hash, s.user_id, s.csrf_token,
                     s.created_at.time_since_epoch().count(),
                     s.last_seen_at.time_since_epoch().count(), s.address);
}

Instant At(long seconds) { return Instant(std::chrono::seconds(seconds)); }

User SampleUser(Id org_id, std::string login = "taylocdu") {
  User u;
  u.login = std::move(login);
  u.full_name = "Tôn Nữ Thị Hà";
  u.role = Role::kGrassrootsStaff;
  u.org_id = org_id;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaA";
  u.created_at = At(1700000000);
  u.password_changed_at = At(1700000100);
  return u;
}

Session SampleSession(Id user_id, std::string token_hash) {
  Session s;
  s.token_hash = std::move(token_hash);
  s.user_id = user_id;
  s.csrf_token = "csrf-Zm9vYmFy";
  s.created_at = At(1700001000);
  s.last_seen_at = At(1700001060);
  s.address = "10.0.0.7";
  return s;
}

TEST_P(StoreContractTest, UserRoundTripsEveryField) {
  World w = MakeWorld();
  auto tx = Write();
  User user = SampleUser(w.grassroots);
  user.disabled = true;
  user.last_login_at = At(1700000200);
  user.failed_attempts = 3;
  user.locked_until = At(1700000300);
  user.id = Must(tx->Users().Insert(user));
  EXPECT_GT(user.id, 0);
  EXPECT_EQ(Describe(Must(tx->Users().Get(user.id))), Describe(user));
  // Lookups by login ignore ASCII case.
  EXPECT_EQ(Describe(Must(tx->Users().GetByLogin("TayLocDu"))), Describe(user));

  User changed = user;
  changed.full_name = "Hồ Văn Bình";
  changed.role = Role::kCellSecretary;
  changed.org_id = w.cell;
  changed.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$b3RoZXJzYWx0$b3RoZXI";
  changed.disabled = false;
  changed.password_changed_at = At(1700000400);
  changed.failed_attempts = 0;
  changed.locked_until.reset();
  changed.login = "ignored";           // the login never changes
  changed.created_at = At(1);          // nor the creation time
  changed.last_login_at = At(2);       // nor the last login (RecordSuccessfulLogin does)
  Must(tx->Users().Update(changed));
  Must(tx->Commit());

  User expected = changed;
  expected.login = user.login;
  expected.created_at = user.created_at;
  expected.last_login_at = user.last_login_at;
  EXPECT_EQ(Describe(Must(Read()->Users().Get(user.id))), Describe(expected));
}

TEST_P(StoreContractTest, UserErrorsAndListOrder) {
  World w = MakeWorld();
  auto tx = Write();
  Id b = Must(tx->Users().Insert(SampleUser(w.city, "bantochuc")));
  Id a = Must(tx->Users().Insert(SampleUser(w.city, "admin")));
  Id c = Must(tx->Users().Insert(SampleUser(w.cell, "bithu.tayloc")));
  EXPECT_EQ(CodeOf(tx->Users().Insert(SampleUser(w.city, "admin"))), ErrorCode::kConflict);
  // Logins are stored lowercase, so uniqueness ignores case in every backend.
  EXPECT_EQ(CodeOf(tx->Users().Insert(SampleUser(w.city, "Admin"))), ErrorCode::kInvalid);
  EXPECT_EQ(CodeOf(tx->Users().Insert(SampleUser(9999, "ghost"))), ErrorCode::kInvalid);
  EXPECT_EQ(CodeOf(tx->Users().Get(9999)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(tx->Users().GetByLogin("nobody")), ErrorCode::kNotFound);
  User missing = SampleUser(w.city, "missing");
  missing.id = 9999;
  EXPECT_EQ(tx->Users().Update(missing).error().code, ErrorCode::kNotFound);
  // The transaction is still usable after statement-level errors.
  Must(tx->Commit());

  std::vector<User> users = Must(Read()->Users().List());
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0].id, a);
  EXPECT_EQ(users[1].id, b);
  EXPECT_EQ(users[2].id, c);
  EXPECT_EQ(users[2].login, "bithu.tayloc");
}

TEST_P(StoreContractTest, LoginCountersUpdateInPlace) {
  World w = MakeWorld();
  auto tx = Write();
  Id id = Must(tx->Users().Insert(SampleUser(w.grassroots)));
  EXPECT_EQ(Must(tx->Users().RecordFailedLogin(id)), 1);
  EXPECT_EQ(Must(tx->Users().RecordFailedLogin(id)), 2);
  Must(tx->Users().SetLockedUntil(id, At(1700009999)));
  Must(tx->Commit());

  tx = Write();
  EXPECT_EQ(Must(tx->Users().RecordFailedLogin(id)), 3);
  User user = Must(tx->Users().Get(id));
  EXPECT_EQ(user.failed_attempts, 3);
  EXPECT_EQ(Show(user.locked_until), "1700009999");
  Must(tx->Users().RecordSuccessfulLogin(id, At(1700010000)));
  user = Must(tx->Users().Get(id));
  EXPECT_EQ(user.failed_attempts, 0);
  EXPECT_FALSE(user.locked_until.has_value());
  EXPECT_EQ(Show(user.last_login_at), "1700010000");
  Must(tx->Users().SetLockedUntil(id, At(5)));
  Must(tx->Users().SetLockedUntil(id, std::nullopt));
  EXPECT_FALSE(Must(tx->Users().Get(id)).locked_until.has_value());

  EXPECT_EQ(CodeOf(tx->Users().RecordFailedLogin(9999)), ErrorCode::kNotFound);
  EXPECT_EQ(tx->Users().SetLockedUntil(9999, At(5)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->Users().RecordSuccessfulLogin(9999, At(5)).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, SessionsRoundTripTouchAndExpire) {
  World w = MakeWorld();
  auto tx = Write();
  Id alice = Must(tx->Users().Insert(SampleUser(w.grassroots, "alice")));
  Id bob = Must(tx->Users().Insert(SampleUser(w.cell, "bob")));
  Session first = SampleSession(alice, std::string(64, 'a'));
  first.id = Must(tx->Sessions().Insert(first));
  Session second = SampleSession(alice, std::string(64, 'b'));
  second.created_at = At(1600000000);  // absolutely expired below
  second.last_seen_at = At(1700005000);
  second.id = Must(tx->Sessions().Insert(second));
  Session third = SampleSession(bob, std::string(64, 'c'));
  third.last_seen_at = At(1700000500);  // idle below
  third.id = Must(tx->Sessions().Insert(third));
  EXPECT_EQ(CodeOf(tx->Sessions().Insert(SampleSession(bob, std::string(64, 'a')))),
            ErrorCode::kConflict);
  Must(tx->Commit());

  tx = Write();
  EXPECT_EQ(CodeOf(tx->Sessions().Insert(SampleSession(9999, std::string(64, 'd')))),
            ErrorCode::kInvalid);
  EXPECT_EQ(Describe(Must(tx->Sessions().GetByTokenHash(std::string(64, 'a')))), Describe(first));
  Result<Session> missing = tx->Sessions().GetByTokenHash(std::string(64, 'z'));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().message.find("zzzz"), std::string::npos);

  Must(tx->Sessions().Touch(first.id, At(1700002000), "10.0.0.8"));
  first.last_seen_at = At(1700002000);
  first.address = "10.0.0.8";
  std::vector<Session> of_alice = Must(tx->Sessions().ListForUser(alice));
  ASSERT_EQ(of_alice.size(), 2u);
  EXPECT_EQ(Describe(of_alice[0]), Describe(first));
  EXPECT_EQ(Describe(of_alice[1]), Describe(second));
  EXPECT_EQ(tx->Sessions().Touch(9999, At(1), "x").error().code, ErrorCode::kNotFound);

  // Idle before 1700001000 (third) or created before 1650000000 (second).
  EXPECT_EQ(Must(tx->Sessions().DeleteExpired(At(1700001000), At(1650000000))), 2);
  EXPECT_EQ(Must(tx->Sessions().ListForUser(alice)).size(), 1u);
  EXPECT_TRUE(Must(tx->Sessions().ListForUser(bob)).empty());

  Must(tx->Sessions().Insert(SampleSession(alice, std::string(64, 'e'))));
  EXPECT_EQ(Must(tx->Sessions().DeleteForUser(alice)), 2);
  EXPECT_EQ(Must(tx->Sessions().DeleteForUser(alice)), 0);
  Id again = Must(tx->Sessions().Insert(SampleSession(bob, std::string(64, 'f'))));
  Must(tx->Sessions().Delete(again));
  EXPECT_EQ(tx->Sessions().Delete(again).error().code, ErrorCode::kNotFound);
  Must(tx->Commit());
  EXPECT_EQ(CodeOf(Read()->Sessions().GetByTokenHash(std::string(64, 'f'))), ErrorCode::kNotFound);
}

// ---------------------------------------------------------------------------------------------
// Classes and targets

TrainingClass SampleClass(Id organiser, std::string code = "HUE-NT-2023-01") {
  TrainingClass c;
  c.kind = ClassKind::kAwareness;
  c.code = std::move(code);
  c.name = "Lớp bồi dưỡng nhận thức về Đảng khóa 1 năm 2023";
  c.organiser_id = organiser;
  c.format = ClassFormat::kShortened;
  c.place = "Trung tâm Chính trị thành phố Huế";
  c.capacity = 60;
  c.starts_on = D(2023, 3, 6);
  c.ends_on = D(2023, 3, 10);
  c.session_count = 5;
  c.min_attendance_percent = 80;
  return c;
}

std::string Describe(const TrainingClass& c) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|v{}", c.id, ClassKindCode(c.kind),
                     c.code, c.name, c.organiser_id, ClassFormatCode(c.format), c.place,
                     c.capacity, FormatIsoDate(c.starts_on), FormatIsoDate(c.ends_on),
                     c.session_count, c.min_attendance_percent, c.version);
}

std::string Describe(const Enrolment& e) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", e.id, e.class_id, e.person_id, e.case_id,
                     e.nominating_org_id, EnrolmentStateCode(e.state),
                     AssessmentCode(e.assessment), e.certificate_number,
                     Show(e.certificate_date), e.verification_code);
}

std::string Describe(const Target& t) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|v{}", t.id, t.org_id, t.year,
                     Show(t.category, SourceCategoryCode), t.count, t.legal_basis,
                     Show(t.parent_id), t.split_final, t.version);
}

TEST_P(StoreContractTest, ClassesRoundTripAndListByOrganiserAndYear) {
  World w = MakeWorld();
  auto tx = Write();
  TrainingClass first = SampleClass(w.city);
  first.id = Must(tx->Classes().Insert(first));
  TrainingClass december = SampleClass(w.city, "HUE-NT-2023-09");
  december.kind = ClassKind::kNewMember;
  december.format = ClassFormat::kStandard;
  december.starts_on = D(2023, 12, 28);
  december.ends_on = D(2024, 1, 5);  // runs in both years
  december.id = Must(tx->Classes().Insert(december));
  TrainingClass ward = SampleClass(w.grassroots, "TAYLOC-2024");
  ward.starts_on = D(2024, 5, 1);
  ward.ends_on = D(2024, 5, 2);
  ward.id = Must(tx->Classes().Insert(ward));
  EXPECT_EQ(CodeOf(tx->Classes().Insert(SampleClass(w.city))), ErrorCode::kConflict);  // code
  EXPECT_EQ(CodeOf(tx->Classes().Insert(SampleClass(9999, "X"))), ErrorCode::kInvalid);
  Must(tx->Commit());

  auto read = Read();
  EXPECT_EQ(Describe(Must(read->Classes().Get(first.id))), Describe(first));
  EXPECT_EQ(Describe(Must(read->Classes().Get(december.id))), Describe(december));
  EXPECT_EQ(CodeOf(read->Classes().Get(9999)), ErrorCode::kNotFound);
  auto codes = [](const std::vector<TrainingClass>& list) {
    std::vector<std::string> out;
    for (const auto& c : list) out.push_back(c.code);
    return out;
  };
  EXPECT_EQ(codes(Must(read->Classes().List({}, std::nullopt))),
            (std::vector<std::string>{"HUE-NT-2023-01", "HUE-NT-2023-09", "TAYLOC-2024"}));
  EXPECT_EQ(codes(Must(read->Classes().List({w.city}, 2024))),
            (std::vector<std::string>{"HUE-NT-2023-09"}));
  EXPECT_EQ(codes(Must(read->Classes().List({w.city, w.grassroots}, 2024))),
            (std::vector<std::string>{"HUE-NT-2023-09", "TAYLOC-2024"}));
  EXPECT_TRUE(Must(read->Classes().List({w.cell}, std::nullopt)).empty());
}

TEST_P(StoreContractTest, EnrolmentsCertificatesAndAttendance) {
  World w = MakeWorld();
  auto tx = Write();
  Id class_id = Must(tx->Classes().Insert(SampleClass(w.city)));
  Id other_class = Must(tx->Classes().Insert(SampleClass(w.city, "HUE-NT-2023-02")));
  Id case_id = Must(tx->Cases().Insert(SampleCase(w.person, w.cell)));
  Id second_person = Must(tx->People().Insert(SamplePerson(w.cell, "Lê Thị Hoa")));
  Id second_case = Must(tx->Cases().Insert(SampleCase(second_person, w.cell)));
  Enrolment e{.class_id = class_id, .person_id = w.person, .case_id = case_id,
              .nominating_org_id = w.grassroots};
  e.id = Must(tx->Classes().InsertEnrolment(e));
  Enrolment again = e;
  EXPECT_EQ(CodeOf(tx->Classes().InsertEnrolment(again)), ErrorCode::kConflict);  // same person
  Enrolment second{.class_id = class_id, .person_id = second_person, .case_id = second_case,
                   .nominating_org_id = w.grassroots, .state = EnrolmentState::kEnrolled};
  second.id = Must(tx->Classes().InsertEnrolment(second));
  Enrolment elsewhere{.class_id = other_class, .person_id = w.person, .case_id = case_id,
                      .nominating_org_id = w.grassroots, .state = EnrolmentState::kEnrolled};
  elsewhere.id = Must(tx->Classes().InsertEnrolment(elsewhere));
  Must(tx->Commit());

  auto read = Read();
  EXPECT_EQ(Describe(Must(read->Classes().GetEnrolment(e.id))), Describe(e));
  EXPECT_EQ(Must(read->Classes().CountEnrolled(class_id)), 1);
  EXPECT_EQ(Must(read->Classes().ListEnrolments(class_id)).size(), 2u);
  EXPECT_FALSE(Must(read->Classes().FindByVerificationCode("ABCDE12345")).has_value());
  read.reset();

  auto issue = Write();
  e.state = EnrolmentState::kEnrolled;
  e.assessment = Assessment::kPassed;
  e.certificate_number = "125-GCN/TTCT";
  e.certificate_date = D(2023, 3, 10);
  e.verification_code = "ABCDE12345";
  Must(issue->Classes().UpdateEnrolment(e));
  // A verification code is unique everywhere; a number within its class.
  second.certificate_number = "126-GCN/TTCT";
  second.certificate_date = D(2023, 3, 10);
  second.verification_code = "ABCDE12345";
  EXPECT_EQ(issue->Classes().UpdateEnrolment(second).error().code, ErrorCode::kConflict);
  second.certificate_number = "125-GCN/TTCT";
  second.verification_code = "ZZZZZ99999";
  EXPECT_EQ(issue->Classes().UpdateEnrolment(second).error().code, ErrorCode::kConflict);
  Enrolment ghost = e;
  ghost.id = 9999;
  EXPECT_EQ(issue->Classes().UpdateEnrolment(ghost).error().code, ErrorCode::kNotFound);
  Must(issue->Classes().PutAttendance({.enrolment_id = e.id, .session = 2, .present = false}));
  Must(issue->Classes().PutAttendance({.enrolment_id = e.id, .session = 1, .present = true}));
  Must(issue->Classes().PutAttendance({.enrolment_id = e.id, .session = 2, .present = true}));
  Must(issue->Classes().PutAttendance({.enrolment_id = second.id, .session = 1, .present = false}));
  Must(issue->Classes().PutAttendance({.enrolment_id = elsewhere.id, .session = 1, .present = true}));
  Must(issue->Commit());

  read = Read();
  EXPECT_EQ(Describe(Must(read->Classes().GetEnrolment(e.id))), Describe(e));
  auto found = Must(read->Classes().FindByVerificationCode("ABCDE12345"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, e.id);
  EXPECT_TRUE(Must(read->Classes().CertificateNumberTaken(w.city, ClassKind::kAwareness,
                                                          "125-GCN/TTCT")));
  EXPECT_FALSE(Must(read->Classes().CertificateNumberTaken(w.city, ClassKind::kNewMember,
                                                           "125-GCN/TTCT")));
  EXPECT_FALSE(Must(read->Classes().CertificateNumberTaken(w.grassroots, ClassKind::kAwareness,
                                                           "125-GCN/TTCT")));
  std::string attendance;
  for (const auto& a : Must(read->Classes().ListAttendance(class_id))) {
    attendance += fmt::format("{}:{}={} ", a.enrolment_id == e.id ? "e" : "s", a.session,
                              a.present);
  }
  EXPECT_EQ(attendance, "e:1=true e:2=true s:1=false ");
  // The second learner's certificate fields are still empty (stored as NULL, not '').
  EXPECT_FALSE(Must(read->Classes().GetEnrolment(second.id)).Certified());
  EXPECT_EQ(Must(read->Classes().GetEnrolment(second.id)).verification_code, "");
}

// The online part of a class (domain/blended_class.h): the same rows on every backend.
TEST_P(StoreContractTest, OnlineClassesKeepRulesDocumentsQuestionsAndAttempts) {
  World w = MakeWorld();
  auto tx = Write();
  Id class_id = Must(tx->Classes().Insert(SampleClass(w.city)));
  Id case_id = Must(tx->Cases().Insert(SampleCase(w.person, w.cell)));
  Enrolment e{.class_id = class_id,
              .person_id = w.person,
              .case_id = case_id,
              .nominating_org_id = w.grassroots,
              .state = EnrolmentState::kEnrolled};
  e.id = Must(tx->Classes().InsertEnrolment(e));
  EXPECT_FALSE(Must(tx->OnlineClasses().GetRules(class_id)).has_value());
  EXPECT_EQ(CodeOf(tx->OnlineClasses().PutRules({.class_id = 9999})), ErrorCode::kInvalid);
  Must(tx->OnlineClasses().PutRules({.class_id = class_id, .quiz_questions = 2}));
  Must(tx->OnlineClasses().PutRules({.class_id = class_id, .quiz_questions = 1}));  // replaces
  const std::string bytes("%PDF-1.4\n\0\xff", 11);
  ClassMaterial m{.class_id = class_id,
                  .position = 1,
                  .title = "Bài 1",
                  .file_name = "bai.pdf",
                  .size_bytes = 11,
                  .sha256 = std::string(64, 'a'),
                  .uploaded_by = "ttct",
                  .uploaded_at = std::chrono::sys_seconds(std::chrono::seconds(1700000000))};
  m.id = Must(tx->OnlineClasses().InsertMaterial(m, bytes));
  EXPECT_TRUE(Must(tx->OnlineClasses().MarkMaterialDone(e.id, m.id, m.uploaded_at)));
  EXPECT_FALSE(Must(tx->OnlineClasses().MarkMaterialDone(e.id, m.id, m.uploaded_at)));
  QuizQuestion q{.class_id = class_id,
                 .position = 1,
                 .text = "Câu?",
                 .options = {"Có", "Không"},
                 .correct_option = 2};
  q.id = Must(tx->OnlineClasses().InsertQuestion(q));
  QuizAttempt a{.enrolment_id = e.id,
                .attempt_no = 1,
                .started_at = m.uploaded_at,
                .total = 1,
                .items = {{.position = 1, .question_id = q.id}}};
  a.id = Must(tx->OnlineClasses().InsertAttempt(a));
  QuizAttempt twice = a;
  EXPECT_EQ(CodeOf(tx->OnlineClasses().InsertAttempt(twice)), ErrorCode::kConflict);
  Must(tx->Commit());

  auto update = Write();
  a.submitted_at = m.uploaded_at + std::chrono::minutes(20);
  a.correct = 1;
  a.passed = true;
  a.items[0].chosen = 2;
  a.items[0].correct = true;
  Must(update->OnlineClasses().UpdateAttempt(a));
  m.active = false;
  m.position = 3;
  Must(update->OnlineClasses().UpdateMaterial(m));
  Must(update->OnlineClasses().SetQuestionActive(q.id, false));
  EXPECT_EQ(CodeOf(update->OnlineClasses().SetQuestionActive(9999, false)), ErrorCode::kNotFound);
  Must(update->Commit());

  auto read = Read();
  EXPECT_EQ(Must(read->OnlineClasses().GetRules(class_id))->quiz_questions, 1);
  auto [stored, content] = Must(read->OnlineClasses().GetMaterialWithContent(class_id, m.id));
  EXPECT_EQ(content, bytes);
  EXPECT_EQ(stored.position, 3);
  EXPECT_FALSE(stored.active);
  EXPECT_EQ(stored.uploaded_at, m.uploaded_at);
  EXPECT_EQ(CodeOf(read->OnlineClasses().GetMaterialWithContent(class_id + 1, m.id)),
            ErrorCode::kNotFound);
  EXPECT_EQ(Must(read->OnlineClasses().ListMaterialsDone(class_id)),
            (std::vector<std::pair<Id, Id>>{{e.id, m.id}}));
  auto questions = Must(read->OnlineClasses().ListQuestions(class_id));
  ASSERT_EQ(questions.size(), 1u);
  EXPECT_EQ(questions[0].options, (std::vector<std::string>{"Có", "Không"}));
  EXPECT_FALSE(questions[0].active);
  auto attempts = Must(read->OnlineClasses().ListAttempts(class_id));
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_TRUE(attempts[0].passed);
  EXPECT_EQ(attempts[0].submitted_at, a.submitted_at);
  ASSERT_EQ(attempts[0].items.size(), 1u);
  EXPECT_EQ(attempts[0].items[0].chosen, 2);
  EXPECT_TRUE(attempts[0].items[0].correct);
  EXPECT_EQ(Must(read->OnlineClasses().GetAttempt(a.id)).items.size(), 1u);
}

TEST_P(StoreContractTest, TargetsRoundTripVersionAndSplit) {
  World w = MakeWorld();
  auto tx = Write();
  Target city{.org_id = w.city, .year = 2023, .count = 900,
              .legal_basis = "Nghị quyết 14-NQ/TU (10/12/2022)"};
  city.id = Must(tx->Targets().Insert(city));
  Target teachers = city;
  teachers.category = SourceCategory::kTeacher;
  teachers.count = 120;
  teachers.id = Must(tx->Targets().Insert(teachers));
  Target ward{.org_id = w.grassroots, .year = 2023, .count = 30,
              .legal_basis = "Nghị quyết 14-NQ/TU (10/12/2022)", .parent_id = city.id};
  ward.id = Must(tx->Targets().Insert(ward));
  Target other_year = ward;
  other_year.year = 2024;
  other_year.parent_id.reset();
  other_year.id = Must(tx->Targets().Insert(other_year));
  Target duplicate = ward;
  EXPECT_EQ(CodeOf(tx->Targets().Insert(duplicate)), ErrorCode::kConflict);
  Target orphan = ward;
  orphan.year = 2025;
  orphan.parent_id = 9999;
  EXPECT_EQ(CodeOf(tx->Targets().Insert(orphan)), ErrorCode::kInvalid);
  Must(tx->Commit());

  auto read = Read();
  EXPECT_EQ(Describe(Must(read->Targets().Get(teachers.id))), Describe(teachers));
  EXPECT_EQ(Describe(Must(read->Targets().Get(ward.id))), Describe(ward));
  auto listed = Must(read->Targets().ListForYear({w.city, w.grassroots}, 2023));
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].id, city.id);  // by unit, the all-categories target first
  EXPECT_EQ(listed[1].id, teachers.id);
  EXPECT_EQ(listed[2].id, ward.id);
  EXPECT_TRUE(Must(read->Targets().ListForYear({}, 2023)).empty());
  auto children = Must(read->Targets().Children(city.id));
  ASSERT_EQ(children.size(), 1u);
  EXPECT_EQ(children[0].id, ward.id);
  read.reset();

  auto update = Write();
  Target changed = city;
  changed.count = 950;
  changed.split_final = true;
  changed.legal_basis = "Nghị quyết 14-NQ/TU; Kế hoạch 2023";
  Must(update->Targets().Update(changed));
  EXPECT_EQ(update->Targets().Update(changed).error().code, ErrorCode::kConflict);  // stale
  Target ghost = changed;
  ghost.id = 9999;
  EXPECT_EQ(update->Targets().Update(ghost).error().code, ErrorCode::kNotFound);
  Must(update->Commit());
  changed.version = 2;
  EXPECT_EQ(Describe(Must(Read()->Targets().Get(city.id))), Describe(changed));
}

// ---------------------------------------------------------------------------------------------
// Changes (the response caches follow them)

// The units a committed write changed; the latest change any answer depends on (unit 0).
std::int64_t Latest(const std::vector<ChangedUnit>& changes) {
  return changes.empty() ? 0 : changes.back().seq;
}

TEST_P(StoreContractTest, ChangesAfterNameTheUnitsACommittedWriteChanged) {
  World w = MakeWorld();
  std::vector<ChangedUnit> so_far = Must(store_->ChangesAfter(0));
  ASSERT_FALSE(so_far.empty());
  const std::int64_t start = Latest(so_far);
  EXPECT_TRUE(Must(store_->ChangesAfter(start)).empty());

  Id other_cell = 0;
  {  // a new unit changes the tree: unit 0
    auto tx = Write();
    other_cell = Must(tx->Organisations().Insert(Unit("HUE-ANCUU-CB01", OrgKind::kCell, w.city)));
    Must(tx->Commit());
  }
  std::vector<ChangedUnit> tree = Must(store_->ChangesAfter(start));
  ASSERT_EQ(tree.size(), 1u);
  EXPECT_EQ(tree[0].org_id, 0);
  const std::int64_t after_tree = tree[0].seq;

  Id case_id = 0;
  {  // a case in a cell: that cell, and the person's unit for the person
    auto tx = Write();
    case_id = Must(tx->Cases().Insert(SampleCase(w.person, w.cell)));
    Must(tx->Commit());
  }
  std::vector<ChangedUnit> opened = Must(store_->ChangesAfter(after_tree));
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0].org_id, w.cell);
  EXPECT_GT(opened[0].seq, after_tree);

  {  // a rolled-back write, a session, an account and an audit entry change no unit
    {
      auto tx = Write();
      Must(tx->Cases().Insert(SampleCase(w.person, other_cell)));
    }
    auto tx = Write();
    Id user = Must(tx->Users().Insert(SampleUser(w.grassroots)));
    Id session = Must(tx->Sessions().Insert(SampleSession(user, "t")));
    Must(tx->Sessions().Touch(session, At(1700000500), "10.0.0.9"));
    Must(tx->Users().RecordSuccessfulLogin(user, At(1700000500)));
    Must(tx->Audit().Append(SampleAudit("case.open", case_id)));
    Must(tx->Commit());
  }
  EXPECT_TRUE(Must(store_->ChangesAfter(opened[0].seq)).empty());

  {  // a case moved to another cell: both cells
    auto tx = Write();
    Case c = Must(tx->Cases().Get(case_id));
    c.cell_id = other_cell;
    Must(tx->Cases().Update(c));
    Must(tx->Commit());
  }
  std::vector<ChangedUnit> moved = Must(store_->ChangesAfter(opened[0].seq));
  std::vector<Id> units;
  for (const auto& m : moved) units.push_back(m.org_id);
  std::sort(units.begin(), units.end());
  EXPECT_EQ(units, (std::vector<Id>{w.cell, other_cell}));
}

#ifdef PTDV_CONTRACT_POSTGRES
INSTANTIATE_TEST_SUITE_P(Postgres, StoreContractTest, ::testing::Values(PostgresBackend()),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param.name;
                         });
#else
INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest, ::testing::Values(SqliteBackend()),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param.name;
                         });

// ---------------------------------------------------------------------------------------------
// OpenStore

class OpenStoreTest : public ::testing::Test {
 protected:
  TempDir dir_{"ptdv-open-test"};
};

TEST_F(OpenStoreTest, PicksTheBackendFromTheUrl) {
  EXPECT_TRUE(OpenStore((dir_.path() / "bare.db").string()).ok());
  EXPECT_TRUE(OpenStore("sqlite:" + (dir_.path() / "prefixed.db").string()).ok());
  EXPECT_TRUE(OpenStore("sqlite://" + (dir_.path() / "slashes.db").string()).ok());
  EXPECT_TRUE(fs::exists(dir_.path() / "bare.db"));
  EXPECT_TRUE(fs::exists(dir_.path() / "prefixed.db"));
  EXPECT_TRUE(fs::exists(dir_.path() / "slashes.db"));

  EXPECT_EQ(CodeOf(OpenStore("postgres://ptdv@localhost/ptdv")), ErrorCode::kUnavailable);
  EXPECT_EQ(CodeOf(OpenStore("postgresql://ptdv@localhost/ptdv")), ErrorCode::kUnavailable);
  EXPECT_EQ(CodeOf(OpenStore("sqlite::memory:")), ErrorCode::kInvalid);
  EXPECT_EQ(CodeOf(OpenStore("")), ErrorCode::kInvalid);
  EXPECT_EQ(CodeOf(OpenStore((dir_.path() / "missing" / "x.db").string())),
            ErrorCode::kUnavailable);
}

#endif  // PTDV_CONTRACT_POSTGRES

}  // namespace
}  // namespace ptdv

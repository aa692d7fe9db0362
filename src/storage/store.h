#pragma once

// Repository interfaces. Nothing outside storage/ names a backend: OpenStore() picks one from the
// URL. Every method returns Result; driver errors arrive as ErrorCode::kUnavailable (I/O, busy),
// kConflict (unique key, stale version) or kNotFound.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/admission_statistics.h"
#include "domain/attachment.h"
#include "domain/blended_class.h"
#include "domain/candidate_path.h"
#include "domain/mass_organisation.h"
#include "domain/model.h"
#include "domain/result.h"
#include "domain/role.h"
#include "domain/rule_set.h"
#include "domain/source_pool.h"
#include "domain/target.h"
#include "domain/training.h"
#include "domain/workflow.h"
#include "domain/working_calendar.h"

namespace ptdv {

// A unit's row holds its identity (id, kind, code), its existence (valid_from, valid_to,
// successor) and its latest version; its versions (name, parent, committee size, authority to
// admit) each hold from a date. The tree queries that take a date answer with the version in
// force then; Get, GetByCode, Ancestors and WithAncestors answer with the latest.
class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;
  // Inserts the unit with its first version, from its valid_from.
  virtual Result<Id> Insert(const Organisation& org) = 0;
  // Writes every column of the row; the latest version takes its attributes (no new version).
  virtual Status Update(const Organisation& org) = 0;
  // The attributes of `next` (name, parent, committee size, authority to admit) from `effective`
  // on: the version in force then ends the day before, a new version opens, the row becomes
  // `next`. REQUIRES: `effective` after the latest version's start (the service checks it).
  virtual Status ChangeFrom(const Organisation& next, Date effective) = 0;
  // The unit's versions, oldest first, each as the unit with that version's attributes and the
  // version's period as valid_from / valid_to. kNotFound for an unknown unit.
  virtual Result<std::vector<Organisation>> History(Id id) = 0;
  virtual Result<Organisation> Get(Id id) = 0;
  virtual Result<Organisation> GetByCode(const std::string& code) = 0;
  // All units valid on `as_of`, parents before children.
  virtual Result<std::vector<Organisation>> ListValidOn(Date as_of) = 0;
  // `root` and every unit below it valid on `as_of` (root included).
  virtual Result<std::vector<Id>> SubtreeIds(Id root, Date as_of) = 0;
  // `root` and every unit below it valid on `as_of`, parents before children (by depth, then
  // code); empty when `root` is not valid on `as_of`. Costs the subtree, not the whole tree.
  virtual Result<std::vector<Organisation>> ListSubtree(Id root, Date as_of) = 0;
  // The chain from `id` up to the top, `id` first.
  virtual Result<std::vector<Organisation>> Ancestors(Id id) = 0;
  // The units of `ids` and every unit above each of them (the union of their Ancestors), each
  // once, in no particular order; unknown ids are left out. One query, for the chains of many
  // cells at once.
  virtual Result<std::vector<Organisation>> WithAncestors(const std::vector<Id>& ids) = 0;
  // The units that ended with one of `ids` as their successor, and theirs in turn (a unit merged
  // into one that was later merged again), each once, in no particular order (latest versions).
  virtual Result<std::vector<Organisation>> Predecessors(const std::vector<Id>& ids) = 0;
  // Every version of every unit, as History gives each unit's (ordered by unit, then date): the
  // whole tree through time in one query, for an in-memory copy (service/change_tracker.h).
  virtual Result<std::vector<Organisation>> AllVersions() = 0;
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  // Stores version 1 whatever `person.version` says. Returns the id. Every method reads and
  // writes the person's previous membership (R15) with the person.
  virtual Result<Id> Insert(const Person& person) = 0;
  // Writes every field if the stored version equals `person.version`, storing version + 1.
  // kConflict when the stored version differs (a concurrent edit), kNotFound when absent.
  virtual Status Update(const Person& person) = 0;
  virtual Result<Person> Get(Id id) = 0;
  // The people with these ids (missing ids are skipped), in id order. One query.
  virtual Result<std::vector<Person>> GetMany(const std::vector<Id>& ids) = 0;
  // The (id, version) of the people with these ids (missing ids are skipped), in id order: what
  // names each one's stored state, without reading the rows' other columns. One query.
  virtual Result<std::vector<std::pair<Id, int>>> Versions(const std::vector<Id>& ids) = 0;
  // People whose search_key contains `search_key` (already normalised), kept by a unit in
  // `org_ids` (all when empty); at most `limit`: the name itself first, then the names beginning
  // with it (each in name order), then the others in the order they were recorded.
  virtual Result<std::vector<Person>> Search(const std::string& search_key,
                                             const std::vector<Id>& org_ids, int limit) = 0;
  // People whose search_key equals `search_key` (already normalised) and born on `birth_date`,
  // kept by a unit in `org_ids` (all when empty); at most `limit`, in id order. For the
  // duplicate warning before a person is saved.
  // People recorded with this ID number (CCCD), in id order; none for an empty number.
  virtual Result<std::vector<Person>> FindByIdNumber(const std::string& id_number) = 0;
  virtual Result<std::vector<Person>> FindSameNameAndBirthDate(const std::string& search_key,
                                                               Date birth_date,
                                                               const std::vector<Id>& org_ids,
                                                               int limit) = 0;
};

struct MemberCount {
  Id org_id = 0;
  int official = 0;
  int probationary = 0;
};

class MembershipRepository {
 public:
  virtual ~MembershipRepository() = default;
  virtual Result<Id> Insert(const Membership& membership) = 0;
  // Sets valid_to on an open membership. kNotFound if absent.
  virtual Status Close(Id membership_id, Date valid_to) = 0;
  // The membership of `person_id` valid on `on` (any unit), if any.
  virtual Result<std::optional<Membership>> ValidOn(Id person_id, Date on) = 0;
  virtual Result<std::vector<Membership>> ListForPerson(Id person_id) = 0;
  // ListForPerson of every person of `person_ids` in one query: by person id, then in
  // ListForPerson's order.
  virtual Result<std::vector<Membership>> ListForPeople(const std::vector<Id>& person_ids) = 0;
  // Official members of `org_id` on `on`: the S9 / P4 denominator.
  virtual Result<int> CountOfficial(Id org_id, Date on) = 0;
  // CountOfficial of each unit of `org_ids` on `on` in one query, as (unit, count) in unit id
  // order, zeros included.
  virtual Result<std::vector<std::pair<Id, int>>> CountOfficialEach(const std::vector<Id>& org_ids,
                                                                    Date on) = 0;
  // Official members of `org_id` on `on` (person ids), for choosing helpers and introducers.
  virtual Result<std::vector<Id>> OfficialMembers(Id org_id, Date on) = 0;
  // Members (distinct people) held directly by each unit of `org_ids` on `on`, one query; units
  // without members are left out. Ordered by org_id.
  virtual Result<std::vector<MemberCount>> CountByOrganisation(const std::vector<Id>& org_ids,
                                                               Date on) = 0;
};

// A case with everything recorded on it, in event order.
using CaseRecord = CaseHistory;

// Order of List / ListRecords; ties are broken by case id, so pages are stable.
enum class CaseSort {
  kId,
  kNextDeadline,  // earliest first; cases without a deadline last (in either direction)
  kOpenedOn,
  kPersonName,    // by the person's search key (diacritic-free, so "Đức" sorts with "Duc")
  kStage,         // procedural order of Stage
};

struct CaseFilter {
  std::vector<Id> cell_ids;             // empty = all
  std::optional<Stage> stage;
  std::optional<SourceCategory> category;
  bool open_only = false;               // not IsClosed(stage)
  std::optional<Date> deadline_before;  // next_deadline <= this (overdue / due soon lists)
  int limit = 100;
  int offset = 0;
  // The person's search key contains this (already normalised by domain/search_key.h
  // SearchKey); empty = any. Matched as a literal ('%' and '_' are not wildcards).
  std::string person_key;
  CaseSort sort = CaseSort::kId;
  bool descending = false;
};

// Whether ListRecords loads the documents of the events. Deadlines and the case list need only
// the events (domain/workflow.h folds no document); a step's validation and the case page need
// them.
enum class EventDocuments { kLoad, kSkip };

// A case's person as the case and deadline lists show them.
struct ListedPerson {
  std::string full_name;
  Date birth_date{};
};

class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  // Inserts the header (version 1). Returns the id.
  virtual Result<Id> Insert(const Case& header) = 0;
  // Writes the header if the stored version equals `header.version`, storing version + 1.
  // kConflict when the stored version differs (a concurrent edit), kNotFound when absent.
  virtual Status Update(const Case& header) = 0;
  virtual Result<Case> Get(Id id) = 0;
  // Every case of the person, in id order (admission_case_person_idx).
  virtual Result<std::vector<Case>> ListForPerson(Id person_id) = 0;
  virtual Result<CaseRecord> GetRecord(Id id) = 0;
  // Appends an event with its documents and vote; assigns id and seq. Returns the id.
  virtual Result<Id> AppendEvent(const CaseEvent& event) = 0;
  virtual Result<std::vector<Case>> List(const CaseFilter& filter) = 0;
  // The cases of List(filter) with their events in seq order; with EventDocuments::kSkip every
  // event's `documents` is left empty.
  virtual Result<std::vector<CaseRecord>> ListRecords(const CaseFilter& filter,
                                                      EventDocuments documents) = 0;
  // The records of `headers` (as List returned them), in the same order, with their events:
  // ListRecords for a page whose headers are already at hand. One query (two with documents).
  virtual Result<std::vector<CaseRecord>> LoadRecords(std::vector<Case> headers,
                                                      EventDocuments documents) = 0;
  virtual Result<int> Count(const CaseFilter& filter) = 0;
  // How many cases match `filter` per stage (stages without a case are absent); limit, offset
  // and sort are ignored. One GROUP BY query.
  virtual Result<std::vector<std::pair<Stage, int>>> CountByStage(const CaseFilter& filter) = 0;
  // The person of each of `headers` as the lists show them, in the order of `headers` (nullopt
  // when the person row is missing): two columns rather than whole people, one query per 64
  // people.
  virtual Result<std::vector<std::optional<ListedPerson>>> PeopleOf(
      const std::vector<Case>& headers) = 0;
};

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;
  // Replaces everything stored for `year.year`.
  virtual Status PutYear(const CalendarYear& year) = 0;
  virtual Result<std::vector<CalendarYear>> ListYears() = 0;
};

class RuleSetRepository {
 public:
  virtual ~RuleSetRepository() = default;
  virtual Status Put(const RuleSet& rule_set) = 0;  // insert or replace by code
  virtual Result<std::vector<RuleSet>> List() = 0;   // ordered by in_force_from
};

struct AuditEntry {
  Id id = 0;
  std::string at;         // ISO-8601 UTC timestamp, from the injected clock
  std::string actor;      // user login or "system"
  std::string role;
  std::string address;    // client address, or "cli"
  std::string action;     // "case.transition", "person.create", ...
  std::string entity;     // "case", "person", "organisation", ...
  Id entity_id = 0;
  Id org_id = 0;          // the organisation the change belongs to (for scoped audit trails)
  std::string before;     // JSON text, empty on create
  std::string after;      // JSON text, empty on delete
  std::string prev_hash;  // the previous entry's hash ("" for the first)
  // Hex HMAC-SHA-256 under the audit key over prev_hash and this entry's fields; plain SHA-256
  // for entries written before the key was introduced (storage/audit_hash.h).
  std::string hash;
};

// A point of the chain, kept outside the database to check it later (`ptdv audit anchor`, the
// server's start-up checkpoint): the entry `last_id`, its hash, and the number of entries up to
// and including it. The empty chain is {0, 0, ""}.
struct AuditAnchor {
  Id last_id = 0;
  long entries = 0;
  std::string hash;
};

struct AuditVerification {
  bool intact = true;
  long entries = 0;     // entries in the chain up to `head`
  Id first_bad_id = 0;  // when not intact
  std::string message;  // Vietnamese
  AuditAnchor head;     // the last entry verified (the whole chain's head when intact and complete)
  bool complete = true;  // false when max_entries stopped the walk before the chain's end
};

// What VerifyAfter() checks of its anchor besides the anchored entry's hash.
enum class AnchorCount {
  kCheck,  // also that exactly `entries` entries lead up to it: an index range count, O(entries)
  kSkip,   // for the frequent incremental checks of a position this process verified itself
};

// Append-only, keyed hash chain (each entry's HMAC covers the previous entry's hash), written in
// the caller's transaction so a change and its audit entry commit or roll back together. The key
// comes from the Store (StoreOptions::audit_key) and never enters the database.
class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // Fills id, prev_hash and hash. Returns the id. kInvalid when the store's key is not the one
  // the chain was written with (nothing is written then).
  virtual Result<Id> Append(AuditEntry entry) = 0;
  virtual Result<std::vector<AuditEntry>> ListForEntity(const std::string& entity, Id id) = 0;
  // The entries whose org_id is in `org_ids` and whose id is below `before` (all when none),
  // newest first, at most `limit`: one page of an organisation's trail.
  virtual Result<std::vector<AuditEntry>> ListForOrganisations(const std::vector<Id>& org_ids,
                                                               std::optional<Id> before,
                                                               int limit) = 0;
  // The whole chain: VerifyAfter({}, unlimited, AnchorCount::kCheck).
  virtual Result<AuditVerification> Verify() = 0;
  // Checks that the chain still holds `from` (the entry from.last_id exists with from.hash and,
  // with AnchorCount::kCheck, from.entries entries have ids up to it), then verifies at most
  // `max_entries` entries after it. A failed check is a result with intact == false and a
  // Vietnamese message naming what was found (tail deleted, history rewritten, link or hash
  // broken). Errors: kInvalid when the key is not the chain's (or its key check was altered);
  // storage errors as usual.
  virtual Result<AuditVerification> VerifyAfter(const AuditAnchor& from, long max_entries,
                                                AnchorCount count) = 0;
  // The newest entry as an anchor ({0, 0, ""} for an empty chain). Does not verify.
  virtual Result<AuditAnchor> Head() = 0;
};

// ---------------------------------------------------------------------------------------------
// Scans of a case's documents (migrations/sqlite/0012_case_attachments.sql).
class AttachmentRepository {
 public:
  virtual ~AttachmentRepository() = default;
  // Stores `attachment` (its id ignored) with its bytes `content`; returns the new id.
  // kNotFound when the document (event_id, position) was never recorded.
  virtual Result<Id> Insert(const Attachment& attachment, std::string_view content) = 0;
  // The case's scans without their bytes, in the order they were attached.
  virtual Result<std::vector<Attachment>> ListForCase(Id case_id) = 0;
  // One scan of the case with its bytes; kNotFound when there is no such scan of that case.
  virtual Result<std::pair<Attachment, std::string>> GetWithContent(Id case_id, Id id) = 0;
};

// Classes and targets (migrations/sqlite/0006_classes_targets.sql).

// The Political Centre's classes, their enrolments and attendance (domain/training.h).
class ClassRepository {
 public:
  virtual ~ClassRepository() = default;
  // Stores version 1. Returns the id. kConflict when the code is taken; kInvalid for an unknown
  // organiser or a value the schema refuses.
  virtual Result<Id> Insert(const TrainingClass& training_class) = 0;
  // kNotFound when absent.
  virtual Result<TrainingClass> Get(Id id) = 0;
  // The classes organised by a unit of `organiser_ids` (every class when empty) that run during
  // `year` (starts_on or ends_on in it; every year when nullopt), by starts_on, then id.
  virtual Result<std::vector<TrainingClass>> List(const std::vector<Id>& organiser_ids,
                                                  std::optional<int> year) = 0;

  // Returns the id. kConflict when the person is already enrolled in the class.
  virtual Result<Id> InsertEnrolment(const Enrolment& enrolment) = 0;
  // Writes state, assessment and the certificate fields (an empty number and code are stored
  // as NULL). kNotFound when absent; kConflict for a certificate number or verification code
  // already used.
  virtual Status UpdateEnrolment(const Enrolment& enrolment) = 0;
  virtual Result<Enrolment> GetEnrolment(Id id) = 0;
  // The class's enrolments in id order.
  virtual Result<std::vector<Enrolment>> ListEnrolments(Id class_id) = 0;
  // Every enrolment of the case, in any class, oldest first.
  virtual Result<std::vector<Enrolment>> ListEnrolmentsOfCase(Id case_id) = 0;
  // Enrolments of the class in state enrolled.
  virtual Result<int> CountEnrolled(Id class_id) = 0;
  // The enrolment holding this verification code (already normalised), if any.
  virtual Result<std::optional<Enrolment>> FindByVerificationCode(const std::string& code) = 0;
  // Whether a class of `kind` organised by `organiser_id` already issued certificate `number`.
  virtual Result<bool> CertificateNumberTaken(Id organiser_id, ClassKind kind,
                                              const std::string& number) = 0;

  // Inserts or replaces the attendance of one session.
  virtual Status PutAttendance(const Attendance& attendance) = 0;
  // The attendance of every enrolment of the class, by enrolment then session.
  virtual Result<std::vector<Attendance>> ListAttendance(Id class_id) = 0;
};

// Yearly admission targets (domain/target.h, DOMAIN §7).
class TargetRepository {
 public:
  virtual ~TargetRepository() = default;
  // Stores version 1. Returns the id. kConflict when the unit already has a target for that
  // year and category; kInvalid for an unknown unit or parent.
  virtual Result<Id> Insert(const Target& target) = 0;
  // Writes count, legal_basis and split_final if the stored version equals `target.version`,
  // storing version + 1. kConflict when it differs, kNotFound when absent.
  virtual Status Update(const Target& target) = 0;
  virtual Result<Target> Get(Id id) = 0;
  // The targets of `year` set for a unit of `org_ids`, by org_id, then category ('' first).
  virtual Result<std::vector<Target>> ListForYear(const std::vector<Id>& org_ids, int year) = 0;
  // The splits of `parent_id`, in id order.
  virtual Result<std::vector<Target>> Children(Id parent_id) = 0;
};

// Reviews of the lists of sources (DOMAIN S0; migrations/sqlite/0008_source_reviews.sql).
class SourceReviewRepository {
 public:
  virtual ~SourceReviewRepository() = default;
  // Returns the id. kInvalid for an unknown unit.
  virtual Result<Id> Insert(const SourceReview& review) = 0;
  // The reviews recorded for a unit of `org_ids`, newest reviewed_on first (then newest id).
  virtual Result<std::vector<SourceReview>> ListForOrganisations(const std::vector<Id>& org_ids) = 0;
};

// The ward's mass organisations, their nominations of sources (S0) and their opinions on cases
// (S6, S7; domain/mass_organisation.h, migrations/sqlite/0019_mass_organisations.sql).
class MassOrganisationRepository {
 public:
  virtual ~MassOrganisationRepository() = default;
  // Returns the id. kConflict when the unit already has an organisation of that kind; kInvalid
  // for an unknown unit.
  virtual Result<Id> Insert(const MassOrganisation& organisation) = 0;
  virtual Result<MassOrganisation> Get(Id id) = 0;  // kNotFound
  // The organisations of the units `org_ids`, by unit, then kind order of the schema's codes.
  virtual Result<std::vector<MassOrganisation>> ListForUnits(const std::vector<Id>& org_ids) = 0;
  // Moves the organisation to the unit `org_id` (its ward was merged, split or dissolved).
  // kNotFound; kConflict when that unit has one of its kind.
  virtual Status Move(Id id, Id org_id) = 0;

  // Returns the id (nomination.version is 1).
  virtual Result<Id> InsertNomination(const Nomination& nomination) = 0;
  // Writes the decision (status, decided_on, decision_note, case_id, decided_by) if the stored
  // version is still `nomination.version`, and increments it. kNotFound, kConflict otherwise.
  virtual Status DecideNomination(const Nomination& nomination) = 0;
  virtual Result<Nomination> GetNomination(Id id) = 0;  // kNotFound
  // The nominations of the organisations `mass_organisation_ids`, newest nominated_on first
  // (then newest id).
  virtual Result<std::vector<Nomination>> ListNominations(
      const std::vector<Id>& mass_organisation_ids) = 0;
  // The accepted nominations that opened one of `case_ids`.
  virtual Result<std::vector<Nomination>> NominationsOfCases(const std::vector<Id>& case_ids) = 0;

  // Returns the id. kConflict when the organisation already gave that kind on the case.
  virtual Result<Id> InsertOpinion(const Opinion& opinion) = 0;
  // The opinions given on `case_ids`, by case, then id.
  virtual Result<std::vector<Opinion>> OpinionsOnCases(const std::vector<Id>& case_ids) = 0;
  // How many opinions each of `mass_organisation_ids` gave: (organisation id, count) pairs.
  virtual Result<std::vector<std::pair<Id, int>>> CountOpinions(
      const std::vector<Id>& mass_organisation_ids) = 0;
};

// The personal links of the people being developed (domain/candidate_path.h CandidateLink,
// migrations/sqlite/0020_candidate_links.sql).
class CandidateLinkRepository {
 public:
  virtual ~CandidateLinkRepository() = default;
  // Returns the id. kConflict for a token hash already stored.
  virtual Result<Id> Insert(const CandidateLink& link) = 0;
  virtual Result<CandidateLink> Get(Id id) = 0;  // kNotFound
  // The link whose token hashes to `token_hash`; nullopt when none.
  virtual Result<std::optional<CandidateLink>> FindByTokenHash(const std::string& token_hash) = 0;
  // The links of the case, newest first.
  virtual Result<std::vector<CandidateLink>> ListForCase(Id case_id) = 0;
  // Marks the link revoked at `at` by `by`. kNotFound; kConflict when it was revoked already.
  virtual Status Revoke(Id id, std::chrono::sys_seconds at, const std::string& by) = 0;
  // Counts one view at `at`. kNotFound.
  virtual Status RecordView(Id id, std::chrono::sys_seconds at) = 0;
};

// The online part of the classes (domain/blended_class.h,
// migrations/sqlite/0021_blended_classes.sql): rules, self-study documents and progress, the
// question bank and the quiz attempts.
class OnlineClassRepository {
 public:
  virtual ~OnlineClassRepository() = default;
  // The class's rules; nullopt when the class has no online part.
  virtual Result<std::optional<OnlineRules>> GetRules(Id class_id) = 0;
  // Inserts or replaces the class's rules. kInvalid for an unknown class.
  virtual Status PutRules(const OnlineRules& rules) = 0;

  // Stores the document (its id ignored) with its bytes; returns the id.
  virtual Result<Id> InsertMaterial(const ClassMaterial& material, std::string_view content) = 0;
  // The class's documents, removed ones too, by position then id.
  virtual Result<std::vector<ClassMaterial>> ListMaterials(Id class_id) = 0;
  // One document of the class with its bytes; kNotFound when it is not the class's.
  virtual Result<std::pair<ClassMaterial, std::string>> GetMaterialWithContent(Id class_id,
                                                                               Id id) = 0;
  // Writes position and active. kNotFound.
  virtual Status UpdateMaterial(const ClassMaterial& material) = 0;
  // Records that the learner completed the document at `at`; false (and nothing written) when
  // it was recorded already.
  virtual Result<bool> MarkMaterialDone(Id enrolment_id, Id material_id,
                                        std::chrono::sys_seconds at) = 0;
  // (enrolment id, document id) of every completion in the class, by enrolment then document.
  virtual Result<std::vector<std::pair<Id, Id>>> ListMaterialsDone(Id class_id) = 0;

  // Stores the question (its id ignored) and its options; returns the id.
  virtual Result<Id> InsertQuestion(const QuizQuestion& question) = 0;
  // The class's questions, removed ones too, with their options, by position then id.
  virtual Result<std::vector<QuizQuestion>> ListQuestions(Id class_id) = 0;
  // Writes active. kNotFound.
  virtual Status SetQuestionActive(Id id, bool active) = 0;

  // Stores an open attempt and its items (its id ignored); returns the id. kConflict when the
  // learner already has an attempt of that number.
  virtual Result<Id> InsertAttempt(const QuizAttempt& attempt) = 0;
  // Writes submitted_at, correct, total, passed and each item's chosen and correct. kNotFound.
  virtual Status UpdateAttempt(const QuizAttempt& attempt) = 0;
  virtual Result<QuizAttempt> GetAttempt(Id id) = 0;  // with its items; kNotFound
  // Every attempt of the class's enrolments with its items, by enrolment then attempt number.
  virtual Result<std::vector<QuizAttempt>> ListAttempts(Id class_id) = 0;
};

// Read-only queries of the §7 reports (service/report_service.h).
class ReportRepository {
 public:
  virtual ~ReportRepository() = default;
  // The cases kept by a cell of `cell_ids` with an admission decision (S12) dated in
  // [from, to] and not cancelled, with their person's attributes; by case id. One query.
  virtual Result<std::vector<AdmittedMember>> Admissions(const std::vector<Id>& cell_ids,
                                                         Date from, Date to) = 0;
  // Distinct people with a membership (official or probationary) valid on `on`, per unit of
  // `org_ids` holding them directly; units without members are left out. One query.
  virtual Result<std::vector<std::pair<Id, int>>> MembersOn(const std::vector<Id>& org_ids,
                                                            Date on) = 0;
};

// ---------------------------------------------------------------------------------------------
// Accounts and sessions (service/auth_service.h). Instants are whole seconds of UTC.

using Instant = std::chrono::sys_seconds;

struct User {
  Id id = 0;
  std::string login;  // lowercase ASCII [a-z0-9._-]; unique
  std::string full_name;
  Role role = Role::kLeader;
  Id org_id = 0;  // the scope root: the user sees and changes only this unit's subtree
  // Role::kMassOrganisation only: the organisation the account speaks for (its org_id is the
  // organisation's unit).
  std::optional<Id> mass_organisation_id;
  // libsodium crypto_pwhash_str (argon2id) string. Empty in every User a service returns.
  std::string password_hash;
  bool disabled = false;
  Instant created_at{};
  Instant password_changed_at{};
  std::optional<Instant> last_login_at;
  int failed_attempts = 0;  // consecutive failed logins since the last success
  std::optional<Instant> locked_until;
};

// A staff account's address for its morning digest by e-mail
// (migrations/sqlite/0022_digest_subscriptions.sql).
struct DigestSubscription {
  Id user_id = 0;
  std::string email;
  bool enabled = true;
  Instant updated_at{};
  std::optional<Date> last_sent_on;  // the day its last digest was mailed
};

class DigestSubscriptionRepository {
 public:
  virtual ~DigestSubscriptionRepository() = default;
  virtual Result<std::optional<DigestSubscription>> Get(Id user_id) = 0;
  // Inserts or replaces email, enabled and updated_at (last_sent_on is kept). kInvalid for an
  // unknown user or an address the schema refuses.
  virtual Status Put(const DigestSubscription& subscription) = 0;
  // The enabled subscriptions, by user id.
  virtual Result<std::vector<DigestSubscription>> ListEnabled() = 0;
  // Records that the user's digest of `day` was mailed. kNotFound.
  virtual Status MarkSent(Id user_id, Date day) = 0;
};

struct Session {
  Id id = 0;
  // Lowercase hex SHA-256 of the session token. The token itself is never stored.
  std::string token_hash;
  Id user_id = 0;
  // Per-session CSRF token, sent back by the client on every mutation. Stored as is: it is
  // worthless without the session token, and the UI may need it again after a reload.
  std::string csrf_token;
  Instant created_at{};    // absolute expiry runs from here
  Instant last_seen_at{};  // idle expiry runs from here (updated at most once a minute)
  std::string address;     // the client address last seen
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // Returns the id. kConflict when the login is taken, kInvalid for a login that is not
  // lowercase or an unknown org_id.
  virtual Result<Id> Insert(const User& user) = 0;
  // Writes full_name, role, org_id, password_hash, disabled, password_changed_at,
  // failed_attempts and locked_until. kNotFound when absent.
  virtual Status Update(const User& user) = 0;
  virtual Result<User> Get(Id id) = 0;
  // ASCII case-insensitive. kNotFound when absent.
  virtual Result<User> GetByLogin(const std::string& login) = 0;
  // Every user, ordered by login.
  virtual Result<std::vector<User>> List() = 0;
  // Adds one to failed_attempts atomically and returns the new count. kNotFound when absent.
  virtual Result<int> RecordFailedLogin(Id id) = 0;
  virtual Status SetLockedUntil(Id id, std::optional<Instant> locked_until) = 0;
  // failed_attempts = 0, locked_until = none, last_login_at = `at`. kNotFound when absent.
  virtual Status RecordSuccessfulLogin(Id id, Instant at) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  // Returns the id. kConflict for a token_hash already stored, kInvalid for an unknown user.
  virtual Result<Id> Insert(const Session& session) = 0;
  // kNotFound when no session has this token hash.
  virtual Result<Session> GetByTokenHash(const std::string& token_hash) = 0;
  virtual Result<std::vector<Session>> ListForUser(Id user_id) = 0;
  // Sets last_seen_at and address. kNotFound when absent.
  virtual Status Touch(Id id, Instant last_seen_at, const std::string& address) = 0;
  // kNotFound when absent.
  virtual Status Delete(Id id) = 0;
  // Deletes every session of the user; returns how many.
  virtual Result<int> DeleteForUser(Id user_id) = 0;
  // Deletes the sessions last seen before `idle_before` or created before `created_before`;
  // returns how many.
  virtual Result<int> DeleteExpired(Instant idle_before, Instant created_before) = 0;
};

// One unit of work: a database transaction. Rolls back in the destructor unless committed.
// Not thread-safe: one thread uses a transaction at a time.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual OrganisationRepository& Organisations() = 0;
  virtual PersonRepository& People() = 0;
  virtual MembershipRepository& Memberships() = 0;
  virtual CaseRepository& Cases() = 0;
  virtual CalendarRepository& Calendar() = 0;
  virtual RuleSetRepository& RuleSets() = 0;
  virtual AuditLog& Audit() = 0;
  virtual UserRepository& Users() = 0;
  virtual SessionRepository& Sessions() = 0;
  virtual ClassRepository& Classes() = 0;
  virtual TargetRepository& Targets() = 0;
  virtual SourceReviewRepository& SourceReviews() = 0;
  virtual ReportRepository& Reports() = 0;
  virtual AttachmentRepository& Attachments() = 0;
  virtual MassOrganisationRepository& MassOrganisations() = 0;
  virtual CandidateLinkRepository& CandidateLinks() = 0;
  virtual OnlineClassRepository& OnlineClasses() = 0;
  virtual DigestSubscriptionRepository& DigestSubscriptions() = 0;
  // Durable when it returns Ok. kConflict/kUnavailable on failure (then nothing was written).
  virtual Status Commit() = 0;
  // A unit of work inside this transaction (an SQL savepoint), so that the writes of many
  // requests can be committed together (service/write_queue.h): Savepoint() marks the point,
  // RollbackToSavepoint() undoes what was written since and ReleaseSavepoint() keeps it,
  // either ending the mark; one mark at a time. kUnavailable when the transaction is no longer
  // open.
  virtual Status Savepoint() = 0;
  virtual Status RollbackToSavepoint() = 0;
  virtual Status ReleaseSavepoint() = 0;
};

enum class Access { kReadOnly, kReadWrite };

// A unit whose data a committed write changed (Store::ChangesAfter).
struct ChangedUnit {
  Id org_id = 0;  // 0: what any answer may depend on
  std::int64_t seq = 0;
  bool operator==(const ChangedUnit&) const = default;
};

// Thread-safe: each Begin() hands out an independent transaction.
class Store {
 public:
  virtual ~Store() = default;
  virtual Result<std::unique_ptr<Transaction>> Begin(Access access) = 0;
  // Applies pending numbered migrations; returns the versions applied (empty if current).
  virtual Result<std::vector<int>> Migrate() = 0;
  virtual Result<int> SchemaVersion() = 0;
  // An opaque number that changes whenever a committed write becomes visible, whoever made it
  // (this process, another process, the CLI). Equal values read at two moments mean that no
  // write was committed in between, so a result computed after the first read is still current
  // (http/response_cache.h). Only comparable within one Store object's lifetime.
  virtual Result<std::uint64_t> DataVersion() = 0;
  // The units whose data the writes committed after sequence number `after` changed, each with
  // the number of the latest such write, in increasing order; org_id 0 stands for a change any
  // answer may depend on (the tree, the calendar, rule sets, targets, classes). Written by the
  // writing transaction itself, so it covers every writer on the database; sessions, accounts and
  // the audit trail are not changes here. Read outside any transaction, like DataVersion().
  virtual Result<std::vector<ChangedUnit>> ChangesAfter(std::int64_t after) = 0;
};

class AuditKey;

struct StoreOptions {
  // The key of the audit chain (storage/audit_key.h), loaded from a file outside the database.
  // Null: a random key that lives as long as the Store — for tests and tools whose chain is
  // never verified by another process; a database written so cannot be appended to with any
  // other key afterwards.
  std::shared_ptr<const AuditKey> audit_key;
};

// "sqlite:PATH" or a bare path opens SQLite (WAL); "postgres://..." is reserved for the
// PostgreSQL backend. kUnavailable if the database cannot be opened.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url, StoreOptions options = {});

}  // namespace ptdv

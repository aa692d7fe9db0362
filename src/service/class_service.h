#pragma once

// Use cases of the Political Centre's classes (domain/training.h): wards nominate
// sympathisers (S0 → S1), the Centre enrols them, records attendance and the final assessment,
// and issues numbered certificates that land on the admission case (R3, P2). Each public
// function is one transaction: it authorises the actor, lets the domain decide, writes the
// change and its audit entry together, and commits. Nothing is written on error.
//
// Scope. A class belongs to its organiser (the city committee whose Centre runs it). Managing
// it (creating, enrolling, attendance, assessment, certificates) needs record_certificate and
// the organiser in the actor's subtree. Seeing it needs read_cases and either the organiser in
// the actor's subtree (every enrolment) or the organiser above the actor's unit (a ward sees
// the classes of its city, with only its own subtree's learners). Nominating needs write_people
// and the case in the actor's subtree, below the organiser.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/training.h"
#include "service/actor.h"
#include "service/case_service.h"
#include "service/clock.h"
#include "service/org_service.h"
#include "storage/store.h"

namespace ptdv {

// The source of verification codes (an I/O seam: tests may substitute a fixed sequence).
// Implementations are thread-safe.
class VerificationCodes {
 public:
  virtual ~VerificationCodes() = default;
  // A fresh code of kVerificationCodeLength Crockford base32 characters.
  virtual std::string Next() = 0;
};

// 50 bits from libsodium's randombytes_buf: unguessable, and short enough to type.
class RandomVerificationCodes final : public VerificationCodes {
 public:
  std::string Next() override;
};

struct ClassSummary {
  TrainingClass training_class;
  std::string organiser_code;
  std::string organiser_name;
  int enrolled = 0;
  bool blended = false;  // the class has an online part (domain/blended_class.h)
};

struct EnrolmentView {
  Enrolment enrolment;
  std::string person_name;
  Date birth_date{};  // for the printed class list and certificate
  std::string nominating_org_code;
  std::string nominating_org_name;
  std::vector<Attendance> attendance;  // by session
  int attended = 0;
  std::optional<Date> certificate_expires;  // R3: the last valid day (awareness class only)
};

struct ClassView {
  ClassSummary summary;
  // Every enrolment for the organiser's side; a ward's own learners only otherwise.
  std::vector<EnrolmentView> enrolments;
  bool all_enrolments = false;
};

// What the public verification page shows, and nothing more.
struct CertificateCheck {
  bool valid = false;  // issued by the system and, for R3, not expired on the day asked
  bool known = false;  // the code names an issued certificate
  std::string number;
  std::string name;  // the holder's full name
  std::optional<Date> date;
  std::optional<ClassKind> kind;
  std::optional<Date> expires_on;
};

// Thread-safe if the Store is; holds no mutable state of its own.
class ClassService {
 public:
  // `store`, `cases` and `clock` must outlive the service. `codes` defaults to
  // RandomVerificationCodes.
  ClassService(Store& store, CaseService& cases, const Clock& clock,
               std::unique_ptr<VerificationCodes> codes = nullptr);

  // Creates a class organised by `training_class.organiser_id`; when `min_attendance_percent`
  // is nullopt it defaults to the rule set's class_min_attendance_percent (S1 [?]) in force on
  // the first day. kInvalid as domain ValidateClass, kConflict for a code taken, kForbidden
  // without record_certificate over the organiser. Audited "class.create".
  Result<TrainingClass> CreateClass(const Actor& actor, TrainingClass training_class,
                                    std::optional<int> min_attendance_percent);
  // CreateClass organised by the unit `organiser` names (training_class.organiser_id is
  // ignored); answers the new class as GetClass sums it up. Errors as ChosenOrganisation and
  // CreateClass besides.
  Result<ClassSummary> CreateClass(const Actor& actor, const OrgChoice& organiser,
                                   TrainingClass training_class,
                                   std::optional<int> min_attendance_percent);

  // The classes the actor may see (see the header), running during `year` (all years when
  // nullopt), of `kind` when given; by start date.
  Result<std::vector<ClassSummary>> ListClasses(const Actor& actor, std::optional<int> year,
                                                std::optional<ClassKind> kind);

  // kNotFound for an unknown class, kForbidden when the actor may not see it.
  Result<ClassView> GetClass(const Actor& actor, Id class_id);

  // A ward nominates the person of case `case_id` (S0: a sympathiser). kForbidden without
  // write_people or outside the actor's scope; kInvalid when the case's cell is not below the
  // organiser; kConflict when the case is closed or at a step where this class's certificate
  // cannot be recorded (awareness: source … dossier; new member: probation), or when the person
  // is already in the class. Audited "class.nominate".
  Result<Enrolment> Nominate(const Actor& actor, Id class_id, Id case_id);

  // The Centre enrols, refuses or withdraws a learner (domain CheckEnrolmentChange: kConflict
  // for a move not allowed). Enrolling beyond the class's capacity is kConflict naming it.
  // Audited "class.enrolment".
  Result<Enrolment> ChangeEnrolment(const Actor& actor, Id class_id, Id enrolment_id,
                                    EnrolmentState state);

  // Attendance of an enrolled learner at session 1..session_count (kInvalid "session"
  // otherwise; kConflict when not enrolled or already certified). Audited "class.attendance".
  Result<Attendance> RecordAttendance(const Actor& actor, Id class_id, Id enrolment_id,
                                      int session, bool present);

  // The final assessment of an enrolled learner (kConflict when not enrolled or already
  // certified, or when the class's online quiz decides it). Audited "class.assessment".
  Result<Enrolment> Assess(const Actor& actor, Id class_id, Id enrolment_id,
                           Assessment assessment);

  // Issues certificate `number` dated `date` with a fresh verification code, and records it on
  // the learner's case (record_certificate for the awareness class → R3 met; record_new_member_
  // certificate for the new-member class → P2) through CaseService::RecordIn, in the same
  // transaction. Refusals (domain CheckCertifiable): kConflict when already issued or the number
  // was used by the organiser for this kind of class; kRuleViolation R3 / P2 when the learner is
  // not enrolled, not assessed as passed, or attended too few sessions, or (a blended class)
  // short of the self-study share or of a passed quiz (domain CheckOnlineRules); kInvalid for an
  // empty number or a date before the class ended or in the future; and whatever recording the step
  // on the case refuses (e.g. kConflict for a closed case). Audited "class.certificate" and
  // "case.record_certificate".
  Result<Enrolment> IssueCertificate(const Actor& actor, Id class_id, Id enrolment_id,
                                     const std::string& number, Date date);

  // The public check of a verification code (no actor, no audit): `valid` only for a known code
  // whose certificate is valid today (R3: 60 months). An unknown or malformed code is
  // {valid = false, known = false}.
  Result<CertificateCheck> Verify(const std::string& code);

 private:
  struct Loaded {
    TrainingClass training_class;
    Enrolment enrolment;
    Case header;
  };
  // Loads the class and the enrolment (kNotFound when it is not the class's) and authorises
  // managing the class.
  Result<Loaded> LoadForManaging(Transaction& tx, const Actor& actor, Id class_id,
                                 Id enrolment_id);
  Status Audit(Transaction& tx, const Actor& actor, std::string action, std::string entity,
               Id entity_id, Id org_id, std::string before, std::string after);

  Store& store_;
  CaseService& cases_;
  const Clock& clock_;
  std::unique_ptr<VerificationCodes> codes_;
};

}  // namespace ptdv

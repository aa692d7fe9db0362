#pragma once

// Use cases of the classes' online part (domain/blended_class.h). The Political Centre (who
// manages the class: record_certificate with the organiser in its subtree, as ClassService) sets
// the rules, uploads the self-study documents in order, keeps the question bank and reads the
// results per learner and per question. The learner works through the personal link of their
// case (service/candidate_link_service.h): no account; the link names the case, the case its
// enrolments. Each public function is one transaction; every change is audited in it.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/blended_class.h"
#include "service/actor.h"
#include "service/clock.h"
#include "storage/store.h"

namespace ptdv {

// The Centre's view of a class's online part; the questions carry their right option.
struct OnlineSetup {
  std::optional<OnlineRules> rules;      // nullopt: the class is not blended yet
  std::vector<ClassMaterial> materials;  // active ones, in reading order
  std::vector<QuizQuestion> questions;   // removed ones too, by position
};

struct MaterialUpload {
  std::string title;
  std::string file_name;
  std::optional<std::string> declared_media_type;
  std::string_view content;
};

struct LearnerResult {
  Id enrolment_id = 0;
  std::string person_name;
  std::string nominating_org_name;
  EnrolmentState state = EnrolmentState::kNominated;
  int sessions_attended = 0;
  int session_count = 0;
  bool sessions_met = false;
  OnlineProgress progress;
  bool self_study_met = false;
  bool certifiable = false;  // every rule of the class: sessions, self-study, quiz
  std::optional<Date> certificate_date;
};

struct QuestionLine {
  QuizQuestion question;
  QuestionResult result;
};

struct OnlineResults {
  std::optional<OnlineRules> rules;
  std::vector<LearnerResult> learners;  // enrolled and certified learners, by enrolment
  std::vector<QuestionLine> questions;  // most failed first
};

// What the learner sees of one of their classes.
struct LearningClass {
  TrainingClass training_class;
  OnlineRules rules;
  std::vector<std::pair<ClassMaterial, bool>> materials;  // active ones, with done
  OnlineProgress progress;
  bool self_study_met = false;
  std::optional<Id> open_attempt_id;
  bool certified = false;
};

// An attempt as the learner sees it: the questions without their right option.
struct QuizPaper {
  QuizAttempt attempt;
  std::vector<QuizQuestion> questions;  // in paper order; correct_option cleared
  int max_attempts = 0;
  int pass_percent = 0;
  bool resumed = false;  // the open attempt, not a new draw
};

struct QuizOutcome {
  QuizAttempt attempt;
  int attempts_left = 0;
};

// The learner's online progress in a class, from its stored documents, completions and attempts
// (used also by ClassService::IssueCertificate). nullopt when the class has no online part.
Result<std::optional<std::pair<OnlineRules, OnlineProgress>>> LoadOnlineProgress(Transaction& tx,
                                                                                 Id class_id,
                                                                                 Id enrolment_id);

// Thread-safe if the Store is.
class BlendedClassService {
 public:
  // Everything must outlive the service. `uniform` defaults to libsodium's randombytes_uniform.
  BlendedClassService(Store& store, const Clock& clock, std::size_t max_material_bytes,
                      UniformRandom uniform = nullptr);

  // --- The Political Centre. kNotFound for a class the actor cannot see, kForbidden for one it
  // sees (its city's) but does not organise, or without record_certificate (read_cases for
  // Setup, MaterialFile and Results: the city's organisation board reads them too).
  Result<OnlineSetup> Setup(const Actor& actor, Id class_id);
  // kInvalid as ValidateOnlineRules. Audited "class.online_rules".
  Result<OnlineRules> PutRules(const Actor& actor, OnlineRules rules);
  // Appends a document (PDF, JPEG or PNG judged by its content; at most max_material_bytes).
  // kInvalid for another type, an empty file or a bad title; kForbidden... as above. Audited
  // "class.material_add" with its SHA-256.
  Result<ClassMaterial> AddMaterial(const Actor& actor, Id class_id, MaterialUpload upload);
  Result<std::pair<ClassMaterial, std::string>> MaterialFile(const Actor& actor, Id class_id,
                                                             Id material_id);
  // Moves an active document to `position` (1..count; kInvalid otherwise) and renumbers the
  // rest. Audited "class.material_move". Answers the active documents in their new order.
  Result<std::vector<ClassMaterial>> MoveMaterial(const Actor& actor, Id class_id, Id material_id,
                                                  int position);
  // Removes a document from the list (kNotFound when removed already). Audited
  // "class.material_remove".
  Result<std::vector<ClassMaterial>> RemoveMaterial(const Actor& actor, Id class_id,
                                                    Id material_id);
  // kInvalid as ValidateQuestion. Audited "class.question_add".
  Result<QuizQuestion> AddQuestion(const Actor& actor, Id class_id, QuizQuestion question);
  // kConflict when removed already. Audited "class.question_remove".
  Result<QuizQuestion> RemoveQuestion(const Actor& actor, Id class_id, Id question_id);
  Result<OnlineResults> Results(const Actor& actor, Id class_id);

  // --- The learner, through the token of a personal link (kNotFound, in the candidate page's
  // words, for an unknown, revoked or expired one, and for anything not of the link's case).
  Result<std::vector<LearningClass>> Learning(const std::string& token);
  Result<std::pair<ClassMaterial, std::string>> LearnerMaterial(const std::string& token,
                                                                Id material_id);
  // Idempotent. kConflict when the learner is not enrolled or is certified. Audited
  // "class.self_study" the first time.
  Status MarkDone(const std::string& token, Id material_id, const std::string& address);
  // The open attempt, or a new one with a fresh draw (CheckCanStartAttempt). Audited
  // "class.quiz_start".
  Result<QuizPaper> StartAttempt(const std::string& token, Id class_id, const std::string& address);
  // Scores the open attempt (ScoreAttempt) and, when it decides the final assessment
  // (QuizAssessment), records it on the enrolment. Audited "class.quiz_submit" (and
  // "class.assessment" when it changed).
  Result<QuizOutcome> Submit(const std::string& token, Id attempt_id,
                             const std::vector<std::optional<int>>& answers,
                             const std::string& address);

 private:
  struct Managed;
  struct Learner;
  // The class when the actor manages it: record_certificate (read_cases when `reading`) and
  // the organiser in its scope (class_scope.h ManagedClass).
  Result<Managed> Manage(Transaction& tx, const Actor& actor, Id class_id, bool reading = false);
  Result<Learner> LearnerOf(Transaction& tx, const std::string& token, Id class_id,
                            const std::string& address);

  Store& store_;
  const Clock& clock_;
  std::size_t max_material_bytes_;
  UniformRandom uniform_;
};

}  // namespace ptdv

#pragma once

// What a demo case will be, in types: its scenario (stage and planted anomaly), its plan
// (how far it got, which optional steps), the gaps between its milestones and the dated
// timeline. The planner (case_planner.cc) fills them, the timeline (case_timeline.h) dates
// them, the records (case_records.cc) turn them into events. Internal to src/demo.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "domain/model.h"
#include "domain/workflow.h"

namespace ptdv::demo {

enum class Anomaly : std::uint8_t {
  kNone,
  kS12Overdue,      // cell vote > 60 working days ago, no decision
  kS12Extended,     // past 60 working days but extended once (on time)
  kS13Overdue,      // decision received > 30 working days ago, no ceremony
  kR3Expired,       // awareness certificate older than 60 months
  kR5Short,         // an introducer with 11 months together (imported from paper)
  kR6Stale,         // dossier compiled > 12 months ago without a cell vote
  kS5Pending,       // a verification reply missing past the service level
  kR1Underage,      // a pupil a few months short of 18
  kP4Due,           // probation ended, cell vote due
  kP4Overdue,       // probation ended > 30 working days ago, no cell vote
  kP5Overdue,       // recognition vote > 30 working days ago, no decision
  kPoliticalIssue,  // verification found a political issue: not admitted
};

// Milestones in procedure order; a case has reached every level up to its own.
enum Level : int {
  kLvSource,
  kLvSympathiser,
  kLvCertificate,
  kLvDossier,
  kLvStamp,
  kLvRequests,
  kLvReplies,
  kLvConclude,
  kLvIntroducers,
  kLvOpinions,
  kLvCellVote,
  kLvIntermediate,
  kLvGrassroots,
  kLvDecision,
  kLvCeremony,
  kLvRecognitionCellVote,
  kLvRecognitionIntermediate,
  kLvRecognitionGrassroots,
  kLvRecognitionDecision,
};

struct Scenario {
  Stage stage = Stage::kSource;
  Anomaly anomaly = Anomaly::kNone;
  std::optional<ConsentKind> consent;  // R1a over 60, R2 education exception
};

// Calendar-day gaps between milestones, drawn once per case.
struct Gaps {
  int sympathiser, certificate, dossier, stamp, requests, conclude, intro1, intro2,
      union_resolution, opinions, consent, cell_vote, intermediate, grassroots, extension, decision,
      received, ceremony, helper, new_member_certificate, recognition_vote,
      recognition_intermediate, recognition_grassroots, recognition_decision, exit;
  std::array<int, 4> replies;
};

struct Timeline {
  Date opened, sympathiser, certificate, dossier, stamp, requests;
  std::array<Date, 4> replies;
  Date conclude, intro1, intro2, union_resolution, opinions, consent, cell_vote, intermediate,
      grassroots, extension, decision, received, ceremony, helper, new_member_certificate,
      probation_end, recognition_vote, recognition_intermediate, recognition_grassroots,
      recognition_decision, exit;
};

struct Relative {
  std::string name;
  Relation relation = Relation::kSelf;
  bool is_member = false;
  Finding finding = Finding::kClear;
  std::string replier;  // the committee that answers the 20-KNĐ
};

// What one case looks like, before its dates are placed.
struct CasePlan {
  int level = kLvSource;
  bool intermediate = false;
  bool grassroots_cell = false;
  bool youth_route = false;  // one introducer + Youth Union resolution (R4)
  bool extension = false;    // S12 extended once
  std::optional<ConsentKind> consent;
  std::optional<Action> exit;
  int withheld_reply = -1;  // S5: this relative's reply has not come
  int relatives = 0;
  std::array<bool, 4> relative_is_member{};
};

struct Planned {
  Action action;
  Date date;
  int index = 0;  // relative number, introducer number
};

// Stage weights (per mille) of randomly drawn cases; the exits make up ~7 %.
inline constexpr std::array<std::pair<Stage, int>, 17> kStageWeights{{
    {Stage::kSource, 130},
    {Stage::kSympathiser, 130},
    {Stage::kCertified, 110},
    {Stage::kDossier, 180},
    {Stage::kCellApproved, 30},
    {Stage::kIntermediateAppraised, 10},
    {Stage::kGrassrootsApproved, 45},
    {Stage::kAdmitted, 35},
    {Stage::kProbation, 130},
    {Stage::kRecognitionCellApproved, 20},
    {Stage::kRecognitionIntermediateAppraised, 5},
    {Stage::kRecognitionGrassrootsApproved, 15},
    {Stage::kOfficial, 90},
    {Stage::kWithdrawn, 35},
    {Stage::kNotAdmitted, 15},
    {Stage::kRemoved, 10},
    {Stage::kCancelled, 5},
}};

// Stages that a cell's structure cannot produce fall back to the nearest one it can.
inline Stage FitStage(Stage stage, bool intermediate, bool grassroots_cell) {
  if (!intermediate && stage == Stage::kIntermediateAppraised) stage = Stage::kCellApproved;
  if (!intermediate && stage == Stage::kRecognitionIntermediateAppraised) {
    stage = Stage::kRecognitionCellApproved;
  }
  if (grassroots_cell && stage == Stage::kGrassrootsApproved) stage = Stage::kCellApproved;
  if (grassroots_cell && stage == Stage::kRecognitionGrassrootsApproved) {
    stage = Stage::kRecognitionCellApproved;
  }
  return stage;
}

}  // namespace ptdv::demo

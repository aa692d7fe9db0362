#pragma once

// A candidate's own view of their path (domain/candidate_path.h): the ward issues a personal
// link for a case (shown once, with its QR code), lists and revokes the links of the case; the
// person opens the link without an account and reads the steps done, the next step and its
// date, what they still have to bring, and the schedule of their classes — nothing else. Every
// issue, revocation and view is audited in its own transaction.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/candidate_path.h"
#include "domain/training.h"
#include "service/actor.h"
#include "service/clock.h"
#include "storage/store.h"

namespace ptdv {

// The web UI's page of a link: the path its token is appended to.
inline constexpr std::string_view kCandidatePagePath = "/hanh-trinh/";

// The longest a link may be valid, from the day it is issued.
inline constexpr int kMaxCandidateLinkDays = 366;

struct IssuedCandidateLink {
  CandidateLink link;
  std::string token;  // shown once: only its hash is stored
};

struct CandidateClass {
  std::string name;
  std::string kind_label;
  std::string format_label;
  std::string place;
  Date starts_on{};
  Date ends_on{};
  int session_count = 0;
  std::string state_label;  // the person's enrolment: "Đã được gọi học", ...
  std::optional<Date> certificate_date;
};

// Exactly what the page shows; nothing else about the case or anyone else.
struct CandidateView {
  std::string full_name;
  std::string cell_name;
  std::string stage_label;
  std::vector<CandidateMilestone> milestones;
  CandidateNextStep next;
  std::vector<CandidateClass> classes;
  Date as_of{};
  Date link_expires_on{};
};

// One answer for every token that opens nothing: unknown, revoked or expired alike.
Error LinkClosed();
// The link whose token is `token` when it opens on `today`; LinkClosed() otherwise.
Result<CandidateLink> OpenCandidateLink(Transaction& tx, const std::string& token, Date today);
// Who acts through a link, for the audit trail: "lien-ket-ID", role "candidate".
Actor CandidateActor(const CandidateLink& link, const std::string& address);

// Thread-safe if the Store is.
class CandidateLinkService {
 public:
  // Everything must outlive the service.
  CandidateLinkService(Store& store, const Clock& clock);

  // Issues a link to the case valid to `expires_on` (write_people). kNotFound outside the
  // scope; kConflict for a closed case; kInvalid for a last day before tomorrow or more than
  // kMaxCandidateLinkDays ahead. Audited "candidate_link.issue" (never the token).
  Result<IssuedCandidateLink> Issue(const Actor& actor, Id case_id, Date expires_on);
  // The links of the case, newest first (read_cases), without their tokens.
  Result<std::vector<CandidateLink>> List(const Actor& actor, Id case_id);
  // Revokes link `link_id` of the case (write_people). kNotFound for a link of another case or
  // outside the scope; kConflict when revoked already. Audited "candidate_link.revoke".
  Result<CandidateLink> Revoke(const Actor& actor, Id case_id, Id link_id);
  // The page of the link whose token is `token`, opened from `address`: counted and audited
  // "candidate.view" on the case. kNotFound, in the same words, for an unknown, revoked or
  // expired token.
  Result<CandidateView> View(const std::string& token, const std::string& address);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace ptdv

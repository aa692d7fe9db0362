#pragma once

// What a person being developed reads of their own path on the page of their personal link
// (service/candidate_link_service.h): the steps done with their dates, the next step with the
// date it is due by, and what they still have to bring — in plain Vietnamese, from the case's
// stage and key dates only. Nothing of verification findings, votes or other people: the header
// carries none of them. Pure: no I/O.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/model.h"

namespace ptdv {

// A personal link issued for one case (migrations/sqlite/0020_candidate_links.sql). Only the
// SHA-256 of its token is kept; the token is shown once, when the link is issued.
struct CandidateLink {
  Id id = 0;
  Id case_id = 0;
  std::string token_hash;  // lowercase hex SHA-256 of the token
  std::chrono::sys_seconds issued_at{};
  std::string issued_by;  // login
  Date expires_on{};      // the last day the link opens
  std::optional<std::chrono::sys_seconds> revoked_at;
  std::string revoked_by;
  int views = 0;
  std::optional<std::chrono::sys_seconds> last_viewed_at;

  // Whether the link opens on `today`: not revoked and not past its last day.
  bool OpensOn(Date today) const { return !revoked_at && today <= expires_on; }
};

struct CandidateMilestone {
  std::string_view label;
  Date date{};
};

struct CandidateNextStep {
  std::string_view label;                  // what happens next
  std::string_view who;                    // who does it: "Chi bộ", "Bản thân anh/chị", ...
  std::optional<Date> by;                  // the date it is due by, when one runs
  std::vector<std::string_view> to_bring;  // what the person still has to bring or do
};

// The steps done, oldest first: opened as a source, on the sympathiser list (the cell's
// resolution of `sympathiser_on`), the awareness certificate (S1), the application and
// biography (S2-S3), the cell's proposal (S9), the admission decision (S12), the ceremony (S13)
// and recognition as an official member (P6) — each only once the case has passed it.
std::vector<CandidateMilestone> CandidateMilestones(const Case& header,
                                                    std::optional<Date> sympathiser_on);

// The next step for a case at header.stage; `by` from the header's next deadline (its earliest
// open deadline), or, in probation, the end of the 12 months (P1). A closed case has no step
// to come: label "Hồ sơ không còn được theo dõi" and nothing to bring.
CandidateNextStep CandidateNext(const Case& header);

}  // namespace ptdv

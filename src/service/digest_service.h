#pragma once

// The morning digest of a staff account (tóm tắt buổi sáng): its to-do list as the to-do page
// shows it — the overdue duties (those that became overdue since the previous working day
// marked) and those due within the rule set's due-soon window (due_soon_working_days, 5 [?]) —
// with the opinions the mass organisations gave since the previous working day on the unit's
// dossiers and the nominations waiting for the unit's decision. Built from the same use cases
// as those pages (CaseService::DeadlinesFor, MassOrganisationService), so it lists exactly
// their items. Read-only.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "service/actor.h"
#include "service/case_service.h"
#include "service/clock.h"
#include "service/mass_organisation_service.h"
#include "service/org_service.h"
#include "storage/store.h"

namespace ptdv {

struct DigestOpinion {
  Case header;
  std::string person_name;
  Opinion opinion;
  MassOrganisation organisation;
};

struct Digest {
  Organisation org;
  Date on{};
  Date since{};                         // the previous working day: "new" means since then
  std::vector<DeadlineRow> overdue;     // every overdue duty, earliest first
  int newly_overdue = 0;                // of them, due on or after `since` (overdue since)
  std::vector<DeadlineRow> due_soon;    // due within the due-soon window, earliest first
  std::vector<DigestOpinion> opinions;  // given on or after `since`, newest first
  std::vector<NominationRow> nominations_waiting;

  bool Empty() const {
    return overdue.empty() && due_soon.empty() && opinions.empty() && nominations_waiting.empty();
  }
};

// What one run of the e-mail digest did (DigestService::SendAll).
struct DigestSendReport {
  int sent = 0;
  int already_sent = 0;               // sent earlier the same day
  int skipped = 0;                    // the account is disabled or no longer reads cases
  std::vector<std::string> failures;  // "login: reason", one per address the server refused
};

// Sends one message (RFC 5322 text) to one address: app/smtp_mailer.h, or a test's fake.
using MailSender = std::function<Status(const std::string& to, const std::string& message)>;

// Thread-safe if the Store is.
class DigestService {
 public:
  // Everything must outlive the service.
  DigestService(Store& store, CaseService& cases, MassOrganisationService& mass_organisations,
                const Clock& clock);

  // The digest of the unit `which` names (the actor's own unit by default) on `on` (read_cases).
  // Errors as ChosenOrganisation and CaseService::DeadlinesFor.
  Result<Digest> For(const Actor& actor, const OrgChoice& which, Date on);

  // The actor's own subscription to the digest by e-mail; nullopt when it has none. kForbidden
  // for an actor that is not an account (the CLI's system actor) or without read_cases.
  Result<std::optional<DigestSubscription>> Subscription(const Actor& actor);
  // Sets the actor's address and whether its digest is mailed (ValidateEmailAddress: kInvalid
  // "email"). Audited "digest.subscription".
  Result<DigestSubscription> Subscribe(const Actor& actor, const std::string& email, bool enabled);

  // Mails the digest of `on` to every enabled subscription not yet served that day, as its
  // account would read it (its own unit), from `from`, with a link to `base_url`; marks each
  // sent one. A refused address is reported and the run goes on. Audited "digest.mail" per
  // message sent.
  Result<DigestSendReport> SendAll(Date on, const std::string& from, const std::string& base_url,
                                   const MailSender& send);

 private:
  Store& store_;
  CaseService& cases_;
  MassOrganisationService& mass_organisations_;
  const Clock& clock_;
};

}  // namespace ptdv

#include "service/digest_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "domain/text.h"
#include "domain/timestamp.h"
#include "service/audit_subject.h"
#include "service/auth_service.h"
#include "service/calendar_provider.h"
#include "service/digest_mail.h"

namespace ptdv {

namespace {

namespace json = boost::json;

// The account of `actor`: kForbidden for the CLI's system actor, which has none.
Result<User> AccountOf(Transaction& tx, const Actor& actor) {
  auto user = tx.Users().GetByLogin(actor.login);
  if (!user.ok() && user.error().code == ErrorCode::kNotFound) {
    return Error::Forbidden("Chỉ tài khoản người dùng mới nhận được tóm tắt qua thư điện tử");
  }
  return user;
}

std::string SubscriptionJson(const DigestSubscription& s) {
  return json::serialize(json::object{{"email", s.email}, {"enabled", s.enabled}});
}

}  // namespace

DigestService::DigestService(Store& store, CaseService& cases,
                             MassOrganisationService& mass_organisations, const Clock& clock)
    : store_(store), cases_(cases), mass_organisations_(mass_organisations), clock_(clock) {}

Result<std::optional<DigestSubscription>> DigestService::Subscription(const Actor& actor) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(User user, AccountOf(*tx, actor));
  return tx->DigestSubscriptions().Get(user.id);
}

Result<DigestSubscription> DigestService::Subscribe(const Actor& actor, const std::string& email,
                                                    bool enabled) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  const std::string address(Trim(email));
  PTDV_RETURN_IF_ERROR(ValidateEmailAddress(address));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(User user, AccountOf(*tx, actor));
  PTDV_ASSIGN_OR_RETURN(auto before, tx->DigestSubscriptions().Get(user.id));
  DigestSubscription after{.user_id = user.id,
                           .email = address,
                           .enabled = enabled,
                           .updated_at = std::chrono::floor<std::chrono::seconds>(clock_.Now())};
  if (before) after.last_sent_on = before->last_sent_on;
  PTDV_RETURN_IF_ERROR(tx->DigestSubscriptions().Put(after));
  PTDV_RETURN_IF_ERROR(AppendAudit(*tx, actor, FormatTimestamp(clock_.Now()), "digest.subscription",
                                   {.entity = "user", .id = user.id, .org_id = user.org_id},
                                   before ? SubscriptionJson(*before) : "",
                                   SubscriptionJson(after)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return after;
}

Result<DigestSendReport> DigestService::SendAll(Date on, const std::string& from,
                                                const std::string& base_url,
                                                const MailSender& send) {
  DigestSendReport report;
  std::vector<DigestSubscription> subscriptions;
  {
    PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
    PTDV_ASSIGN_OR_RETURN(subscriptions, tx->DigestSubscriptions().ListEnabled());
  }
  for (const DigestSubscription& s : subscriptions) {
    if (s.last_sent_on && *s.last_sent_on >= on) {
      ++report.already_sent;
      continue;
    }
    User user;
    {
      PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
      PTDV_ASSIGN_OR_RETURN(user, tx->Users().Get(s.user_id));
    }
    if (user.disabled || !Allows(user.role, Permission::kReadCases)) {
      ++report.skipped;
      continue;
    }
    const Actor actor = ActorFor(user, "digest");
    PTDV_ASSIGN_OR_RETURN(Digest digest, For(actor, OrgChoice{}, on));
    const std::string message =
        FormatMailMessage(from, s.email, ComposeDigestMail(digest, user.full_name, base_url),
                          std::chrono::floor<std::chrono::seconds>(clock_.Now()));
    if (Status sent = send(s.email, message); !sent.ok()) {
      report.failures.push_back(fmt::format("{}: {}", user.login, sent.error().message));
      continue;
    }
    PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
    PTDV_RETURN_IF_ERROR(tx->DigestSubscriptions().MarkSent(s.user_id, on));
    PTDV_RETURN_IF_ERROR(
        AppendAudit(*tx, Actor{}, FormatTimestamp(clock_.Now()), "digest.mail",
                    {.entity = "user", .id = user.id, .org_id = user.org_id}, "",
                    json::serialize(json::object{{"on", FormatIsoDate(on)},
                                                 {"email", s.email},
                                                 {"overdue", digest.overdue.size()},
                                                 {"due_soon", digest.due_soon.size()}})));
    PTDV_RETURN_IF_ERROR(tx->Commit());
    ++report.sent;
  }
  return report;
}

Result<Digest> DigestService::For(const Actor& actor, const OrgChoice& which, Date on) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  Digest digest{.on = on};
  PTDV_ASSIGN_OR_RETURN(digest.org, ChosenOrganisation(store_, actor, which));
  // The previous working day: a Monday's digest covers the weekend.
  const WorkingCalendar& calendar = cases_.calendars().Current();
  digest.since = on - std::chrono::days(1);
  while (!calendar.IsWorkingDay(digest.since) && digest.since > on - std::chrono::days(30)) {
    digest.since -= std::chrono::days(1);
  }
  PTDV_ASSIGN_OR_RETURN(std::vector<DeadlineRow> rows,
                        cases_.DeadlinesFor(actor, digest.org.id, on));
  for (DeadlineRow& row : rows) {
    if (row.deadline.status == DeadlineStatus::kOverdue) {
      if (row.deadline.due >= digest.since) ++digest.newly_overdue;
      digest.overdue.push_back(std::move(row));
    } else if (row.deadline.status == DeadlineStatus::kDueSoon) {
      digest.due_soon.push_back(std::move(row));
    }
  }
  const OrgChoice unit{.code = digest.org.code, .field = which.field};
  PTDV_ASSIGN_OR_RETURN(digest.nominations_waiting,
                        mass_organisations_.Nominations(actor, unit, NominationStatus::kWaiting));

  // The opinions given since the previous working day on the unit's dossiers.
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  CaseFilter filter{.stage = Stage::kDossier, .limit = 10'000'000};
  PTDV_ASSIGN_OR_RETURN(filter.cell_ids, tx->Organisations().SubtreeIds(digest.org.id, on));
  if (filter.cell_ids.empty()) return digest;
  PTDV_ASSIGN_OR_RETURN(std::vector<Case> dossiers, tx->Cases().List(filter));
  std::vector<Id> case_ids;
  std::map<Id, const Case*> by_id;
  for (const Case& c : dossiers) {
    case_ids.push_back(c.id);
    by_id[c.id] = &c;
  }
  PTDV_ASSIGN_OR_RETURN(auto opinions, tx->MassOrganisations().OpinionsOnCases(case_ids));
  std::vector<Case> headers;
  for (const Opinion& o : opinions) {
    if (o.given_on < digest.since || o.given_on > on) continue;
    PTDV_ASSIGN_OR_RETURN(MassOrganisation organisation,
                          tx->MassOrganisations().Get(o.mass_organisation_id));
    digest.opinions.push_back(
        {.header = *by_id.at(o.case_id), .opinion = o, .organisation = std::move(organisation)});
    headers.push_back(*by_id.at(o.case_id));
  }
  PTDV_ASSIGN_OR_RETURN(auto people, tx->Cases().PeopleOf(headers));
  for (std::size_t i = 0; i < digest.opinions.size(); ++i) {
    if (people[i]) digest.opinions[i].person_name = people[i]->full_name;
  }
  std::stable_sort(digest.opinions.begin(), digest.opinions.end(),
                   [](const DigestOpinion& a, const DigestOpinion& b) {
                     return a.opinion.given_on > b.opinion.given_on;
                   });
  return digest;
}

}  // namespace ptdv

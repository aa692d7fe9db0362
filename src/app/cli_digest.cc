// ptdv digest send: mails the morning digest to the accounts that asked for it.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <memory>
#include <ostream>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "app/smtp_mailer.h"
#include "domain/date.h"
#include "service/digest_service.h"
#include "service/mass_organisation_service.h"

namespace ptdv {

// Off by default: nothing is mailed unless the operator runs this with its SMTP server, e.g.
// from cron at 7:00 on working days. Each account gets at most one digest a day however often
// it runs, so a retry after a failure sends only what failed.
void AddDigestCommands(CLI::App& app, CliContext& ctx) {
  auto* digest = app.add_subcommand("digest", "Tóm tắt buổi sáng gửi qua thư điện tử");
  digest->require_subcommand(1);
  auto options = std::make_shared<SmtpOptions>();
  auto base_url = std::make_shared<std::string>();
  auto* send = digest->add_subcommand(
      "send", "Gửi tóm tắt công việc trong ngày tới các tài khoản đã đăng ký nhận qua thư");
  send->add_option("--smtp-url", options->url, "Máy chủ thư (smtp://máy:cổng, smtps://máy:cổng)")
      ->required()
      ->envname("PTDV_SMTP_URL");
  send->add_option("--from", options->from, "Địa chỉ người gửi")
      ->required()
      ->envname("PTDV_SMTP_FROM");
  send->add_option("--smtp-user", options->user, "Tên đăng nhập máy chủ thư (nếu cần)")
      ->envname("PTDV_SMTP_USER");
  send->add_flag("--require-tls", options->require_tls,
                 "Chỉ gửi qua kết nối mã hóa (STARTTLS hoặc smtps)");
  send->add_option("--base-url", *base_url,
                   "Địa chỉ trang web PTĐV, để thư có liên kết tới trang Việc cần làm")
      ->envname("PTDV_BASE_URL");
  send->callback(ctx.Run([&ctx, options, base_url](Environment& env) {
    // The password only from the environment: a command line is visible to every user.
    if (const char* password = std::getenv("PTDV_SMTP_PASSWORD")) options->password = password;
    SmtpMailer mailer(*options);
    MassOrganisationService mass_organisations(*env.store, *env.clock);
    DigestService digests(*env.store, *env.cases, mass_organisations, *env.clock);
    const Date today = env.clock->Today();
    auto report = digests.SendAll(today, options->from, *base_url,
                                  [&mailer](const std::string& to, const std::string& message) {
                                    return mailer.Send(to, message);
                                  });
    if (!report.ok()) return ctx.Fail(report.error());
    ctx.out << fmt::format(
        "Tóm tắt ngày {}: đã gửi {} thư, {} tài khoản đã nhận trong ngày, {} tài khoản bị khóa "
        "hoặc không còn quyền xem hồ sơ\n",
        FormatVnDate(today), report->sent, report->already_sent, report->skipped);
    for (const std::string& failure : report->failures) {
      ctx.err << fmt::format("Không gửi được: {}\n", failure);
    }
    return report->failures.empty() ? 0 : 1;
  }));
}

}  // namespace ptdv

#pragma once

// Sends a message through the operator's SMTP server (libcurl): the morning digest by e-mail
// (service/digest_service.h SendAll). Only this file and smtp_mailer.cc know libcurl.

#include <chrono>
#include <string>

#include "domain/result.h"

namespace ptdv {

struct SmtpOptions {
  // "smtp://mail.hue.gov.vn:25", "smtps://…:465"; smtp:// upgrades to TLS when the server
  // offers STARTTLS (and must when `require_tls`).
  std::string url;
  std::string from;  // the envelope sender, also the From: header's address
  std::string user;  // empty: no authentication
  std::string password;
  bool require_tls = false;
  std::chrono::seconds timeout{30};
};

// Thread-compatible: one Send at a time.
class SmtpMailer {
 public:
  explicit SmtpMailer(SmtpOptions options);
  // kUnavailable with the server's or libcurl's words when the message was not accepted.
  Status Send(const std::string& to, const std::string& message);

 private:
  SmtpOptions options_;
};

}  // namespace ptdv

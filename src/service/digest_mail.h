#pragma once

// The morning digest as an e-mail (service/digest_service.h): a plain Vietnamese text of the
// to-do list — what became overdue, what is due soon, the opinions received, the nominations
// waiting — with the address of the to-do page, and the RFC 5322 message that carries it
// (UTF-8, base64). Pure: the sending is app/smtp_mailer.h's.

#include <chrono>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "service/digest_service.h"

namespace ptdv {

struct DigestMail {
  std::string subject;
  std::string body;
};

// `base_url`: the web UI's address ("https://ptdv.hue.gov.vn"), for the link to the to-do page;
// empty: no link.
DigestMail ComposeDigestMail(const Digest& digest, std::string_view full_name,
                             std::string_view base_url);

// The message as an SMTP server takes it after DATA: headers (the subject as an RFC 2047
// encoded word), a blank line, the body in base64 lines of 76 characters; CRLF line ends.
std::string FormatMailMessage(std::string_view from, std::string_view to, const DigestMail& mail,
                              std::chrono::sys_seconds at);

// kInvalid "email" unless `address` looks like a mailbox: one '@' with text on both sides, a dot
// in the domain, no space or control character, at most 254 bytes.
Status ValidateEmailAddress(std::string_view address);

}  // namespace ptdv

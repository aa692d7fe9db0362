#include "service/digest_mail.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>

#include "domain/date.h"

namespace ptdv {
namespace {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// A header value that may hold non-ASCII text (RFC 2047).
std::string EncodedWord(std::string_view text) {
  return fmt::format("=?UTF-8?B?{}?=", Base64(text));
}

void AppendDeadlines(std::string& body, std::string_view title,
                     const std::vector<DeadlineRow>& rows) {
  body += fmt::format("\n{} ({}):\n", title, rows.size());
  for (const DeadlineRow& row : rows) {
    body += fmt::format("  - {}: {}, hạn {} ({})\n", row.person_name, row.deadline.label,
                        FormatVnDate(row.deadline.due), row.deadline.Describe());
  }
}

}  // namespace

DigestMail ComposeDigestMail(const Digest& d, std::string_view full_name,
                             std::string_view base_url) {
  DigestMail mail;
  mail.subject =
      fmt::format("PTĐV - Tóm tắt công việc ngày {} - {}", FormatVnDate(d.on), d.org.name);
  std::string& body = mail.body;
  body = fmt::format(
      "Kính gửi đồng chí {},\n\nTóm tắt công việc phát triển đảng viên của {} ngày "
      "{}:\n",
      full_name, d.org.name, FormatVnDate(d.on));
  if (d.Empty()) body += "\nKhông có việc quá hạn, sắp đến hạn hay chờ xử lý.\n";
  if (!d.overdue.empty()) {
    AppendDeadlines(body,
                    fmt::format("Việc quá hạn, {} việc mới quá hạn từ ngày {}", d.newly_overdue,
                                FormatVnDate(d.since)),
                    d.overdue);
  }
  if (!d.due_soon.empty()) AppendDeadlines(body, "Việc sắp đến hạn", d.due_soon);
  if (!d.opinions.empty()) {
    body += fmt::format("\nÝ kiến của các đoàn thể nhận được từ ngày {} ({}):\n",
                        FormatVnDate(d.since), d.opinions.size());
    for (const DigestOpinion& o : d.opinions) {
      body += fmt::format("  - {}: {} ({}), ngày {}\n", o.person_name, o.organisation.name,
                          OpinionKindLabel(o.opinion.kind), FormatVnDate(o.opinion.given_on));
    }
  }
  if (!d.nominations_waiting.empty()) {
    body += fmt::format("\nNguồn do đoàn thể giới thiệu đang chờ xem xét ({}):\n",
                        d.nominations_waiting.size());
    for (const NominationRow& row : d.nominations_waiting) {
      body += fmt::format("  - {} ({}), giới thiệu ngày {}\n", row.nomination.full_name,
                          row.organisation.name, FormatVnDate(row.nomination.nominated_on));
    }
  }
  if (!base_url.empty()) {
    std::string_view root = base_url;
    while (root.ends_with('/')) root.remove_suffix(1);
    body += fmt::format("\nXem và xử lý: {}/viec-can-lam\n", root);
  }
  body +=
      "\nThư này do hệ thống PTĐV gửi tự động; đồng chí có thể tắt việc nhận thư ở thẻ «Tóm tắt "
      "buổi sáng» trên trang Việc cần làm.\n";
  return mail;
}

std::string FormatMailMessage(std::string_view from, std::string_view to, const DigestMail& mail,
                              std::chrono::sys_seconds at) {
  std::string body;
  for (char c : mail.body) {
    if (c == '\n') body += '\r';
    body += c;
  }
  const std::string encoded = Base64(body);
  std::string message = fmt::format(
      "From: {}\r\nTo: {}\r\nSubject: {}\r\nDate: {:%a, %d %b %Y %H:%M:%S} +0000\r\n"
      "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n",
      from, to, EncodedWord(mail.subject), at);
  for (std::size_t i = 0; i < encoded.size(); i += 76) {
    message += encoded.substr(i, 76);
    message += "\r\n";
  }
  return message;
}

Status ValidateEmailAddress(std::string_view address) {
  const Error bad = Error::Invalid("Địa chỉ thư điện tử không hợp lệ", "email");
  if (address.empty() || address.size() > 254) return bad;
  if (std::any_of(address.begin(), address.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == ';';
      })) {
    return bad;
  }
  const std::size_t at = address.find('@');
  if (at == 0 || at == std::string_view::npos || address.find('@', at + 1) != address.npos) {
    return bad;
  }
  const std::string_view domain = address.substr(at + 1);
  const std::size_t dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.ends_with('.')) return bad;
  return Ok();
}

}  // namespace ptdv

#include "domain/training.h"

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace ptdv {
namespace {

template <typename E>
struct CodeEntry {
  E value;
  std::string_view code;
  std::string_view label;
};

template <typename E, std::size_t N>
std::string_view CodeIn(const std::array<CodeEntry<E>, N>& table, E value) {
  for (const auto& e : table) {
    if (e.value == value) return e.code;
  }
  return "";
}

template <typename E, std::size_t N>
std::string_view LabelIn(const std::array<CodeEntry<E>, N>& table, E value) {
  for (const auto& e : table) {
    if (e.value == value) return e.label;
  }
  return "";
}

template <typename E, std::size_t N>
std::optional<E> FromCodeIn(const std::array<CodeEntry<E>, N>& table, std::string_view code) {
  for (const auto& e : table) {
    if (e.code == code) return e.value;
  }
  return std::nullopt;
}

constexpr std::array<CodeEntry<ClassKind>, 2> kKinds{{
    {ClassKind::kAwareness, "awareness", "Lớp bồi dưỡng nhận thức về Đảng"},
    {ClassKind::kNewMember, "new_member", "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới"},
}};

constexpr std::array<CodeEntry<ClassFormat>, 2> kFormats{{
    {ClassFormat::kStandard, "standard", "Chương trình đầy đủ"},
    {ClassFormat::kShortened, "shortened", "Chương trình rút gọn"},
}};

constexpr std::array<CodeEntry<EnrolmentState>, 4> kStates{{
    {EnrolmentState::kNominated, "nominated", "Được cử đi học"},
    {EnrolmentState::kEnrolled, "enrolled", "Đã tiếp nhận vào lớp"},
    {EnrolmentState::kRefused, "refused", "Không tiếp nhận"},
    {EnrolmentState::kWithdrawn, "withdrawn", "Rút khỏi lớp"},
}};

constexpr std::array<CodeEntry<Assessment>, 3> kAssessments{{
    {Assessment::kPending, "pending", "Chưa đánh giá"},
    {Assessment::kPassed, "passed", "Đạt"},
    {Assessment::kFailed, "failed", "Không đạt"},
}};

// Crockford's base32: digits and upper-case letters without I, L, O and U.
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

std::string_view ClassKindCode(ClassKind kind) { return CodeIn(kKinds, kind); }
std::optional<ClassKind> ClassKindFromCode(std::string_view code) {
  return FromCodeIn(kKinds, code);
}
std::string_view ClassKindLabel(ClassKind kind) { return LabelIn(kKinds, kind); }

Action CertificateAction(ClassKind kind) {
  return kind == ClassKind::kAwareness ? Action::kRecordCertificate
                                       : Action::kRecordNewMemberCertificate;
}

RuleCode CertificateRule(ClassKind kind) {
  return kind == ClassKind::kAwareness ? RuleCode::kR3 : RuleCode::kP2;
}

std::string_view ClassFormatCode(ClassFormat format) { return CodeIn(kFormats, format); }
std::optional<ClassFormat> ClassFormatFromCode(std::string_view code) {
  return FromCodeIn(kFormats, code);
}

std::string_view EnrolmentStateCode(EnrolmentState state) { return CodeIn(kStates, state); }
std::optional<EnrolmentState> EnrolmentStateFromCode(std::string_view code) {
  return FromCodeIn(kStates, code);
}
std::string_view EnrolmentStateLabel(EnrolmentState state) { return LabelIn(kStates, state); }

std::string_view AssessmentCode(Assessment assessment) { return CodeIn(kAssessments, assessment); }
std::optional<Assessment> AssessmentFromCode(std::string_view code) {
  return FromCodeIn(kAssessments, code);
}

Status ValidateClass(const TrainingClass& c) {
  if (c.code.empty()) return Error::Invalid("Cần nhập mã lớp", "code");
  if (c.name.empty()) return Error::Invalid("Cần nhập tên lớp", "name");
  if (c.capacity < 1) return Error::Invalid("Sĩ số tối đa phải từ 1 trở lên", "capacity");
  if (c.session_count < 1) return Error::Invalid("Số buổi học phải từ 1 trở lên", "sessions");
  if (c.ends_on < c.starts_on) {
    return Error::Invalid(fmt::format("Ngày kết thúc {} trước ngày khai giảng {}",
                                      FormatVnDate(c.ends_on), FormatVnDate(c.starts_on)),
                          "ends_on");
  }
  if (c.min_attendance_percent < 0 || c.min_attendance_percent > 100) {
    return Error::Invalid("Tỷ lệ tham dự tối thiểu phải trong khoảng 0..100 (%)",
                          "min_attendance_percent");
  }
  return Ok();
}

Status CheckEnrolmentChange(const Enrolment& e, EnrolmentState to) {
  if (e.Certified()) {
    return Error::Conflict("Học viên đã được cấp giấy chứng nhận, không thể đổi trạng thái");
  }
  const EnrolmentState from = e.state;
  bool allowed = false;
  switch (to) {
    case EnrolmentState::kEnrolled:
      allowed = from == EnrolmentState::kNominated || from == EnrolmentState::kRefused;
      break;
    case EnrolmentState::kRefused:
      allowed = from == EnrolmentState::kNominated;
      break;
    case EnrolmentState::kWithdrawn:
      allowed = from == EnrolmentState::kNominated || from == EnrolmentState::kEnrolled;
      break;
    case EnrolmentState::kNominated:
      allowed = false;
      break;
  }
  if (allowed) return Ok();
  return Error::Conflict(fmt::format("Không thể chuyển học viên từ «{}» sang «{}»",
                                     EnrolmentStateLabel(from), EnrolmentStateLabel(to)));
}

int SessionsAttended(const std::vector<Attendance>& attendance) {
  int n = 0;
  for (const auto& a : attendance) n += a.present ? 1 : 0;
  return n;
}

Status CheckCertifiable(const TrainingClass& c, const Enrolment& e,
                        const std::vector<Attendance>& attendance, const std::string& number,
                        Date date, Date today) {
  if (e.Certified()) {
    return Error::Conflict(fmt::format("Học viên đã được cấp giấy chứng nhận số {} ngày {}",
                                       e.certificate_number, FormatVnDate(*e.certificate_date)));
  }
  if (number.empty()) return Error::Invalid("Cần nhập số giấy chứng nhận", "number");
  if (date > today) {
    return Error::Invalid(fmt::format("Ngày cấp {} ở tương lai", FormatVnDate(date)), "date");
  }
  if (date < c.ends_on) {
    return Error::Invalid(fmt::format("Ngày cấp {} trước ngày bế giảng lớp ({})",
                                      FormatVnDate(date), FormatVnDate(c.ends_on)),
                          "date");
  }
  const RuleCode rule = CertificateRule(c.kind);
  if (e.state != EnrolmentState::kEnrolled) {
    return Error::Rule(rule, fmt::format("Chỉ cấp giấy chứng nhận cho học viên đã được tiếp nhận "
                                         "vào lớp (trạng thái hiện tại: {})",
                                         EnrolmentStateLabel(e.state)));
  }
  // S1 [?]: a share of the sessions, compared in integers: attended/sessions >= percent/100.
  const int attended = SessionsAttended(attendance);
  if (static_cast<long>(attended) * 100 <
      static_cast<long>(c.min_attendance_percent) * c.session_count) {
    return Error::Rule(rule, fmt::format("Học viên dự {}/{} buổi, dưới mức tối thiểu {}% số buổi "
                                         "của lớp",
                                         attended, c.session_count, c.min_attendance_percent));
  }
  if (e.assessment != Assessment::kPassed) {
    return Error::Rule(rule, e.assessment == Assessment::kFailed
                                 ? "Học viên không đạt yêu cầu khi đánh giá cuối khóa"
                                 : "Học viên chưa được đánh giá cuối khóa");
  }
  return Ok();
}

std::optional<Date> CertificateExpiry(ClassKind kind, Date issued, const RuleSet& rules) {
  if (kind != ClassKind::kAwareness) return std::nullopt;
  // R3: valid 60 months; Evaluate treats the certificate as expired once
  // AddMonths(issued, months) < on, so that day itself is the last valid one.
  return AddMonths(issued, rules.certificate_validity_months);
}

bool CertificateValidOn(ClassKind kind, Date issued, Date on, const RuleSet& rules) {
  if (on < issued) return false;
  auto expiry = CertificateExpiry(kind, issued, rules);
  return !expiry || on <= *expiry;
}

std::string EncodeVerificationCode(const unsigned char (&random)[8]) {
  std::uint64_t bits = 0;
  for (unsigned char b : random) bits = (bits << 8) | b;
  std::string out;
  for (int i = 0; i < kVerificationCodeLength; ++i) {
    out += kCrockford[bits & 31];
    bits >>= 5;
  }
  return out;
}

std::optional<std::string> NormaliseVerificationCode(std::string_view text) {
  std::string out;
  for (char raw : text) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
    if (c == ' ' || c == '-') continue;
    if (c == 'I' || c == 'L') c = '1';
    if (c == 'O') c = '0';
    if (kCrockford.find(c) == std::string_view::npos) return std::nullopt;
    out += c;
    if (out.size() > static_cast<std::size_t>(kVerificationCodeLength)) return std::nullopt;
  }
  if (out.size() != static_cast<std::size_t>(kVerificationCodeLength)) return std::nullopt;
  return out;
}

}  // namespace ptdv

#include "report/class_forms.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/date.h"
#include "domain/search_key.h"
#include "report/case_forms.h"

namespace ptdv::report {
namespace {

// The Political Centre of the organising committee, or the committee itself where it runs its
// own classes (R3: an authorised grassroots committee).
void Letterhead(PartyDocument& d, const ClassSummary& summary) {
  if (summary.organiser_name.starts_with("Đảng ủy ")) {
    d.superior =
        Capitals("Đảng bộ " + summary.organiser_name.substr(std::string("Đảng ủy ").size()));
    d.issuer = Capitals(summary.organiser_name);
  } else {
    d.superior = Capitals(summary.organiser_name);
    d.issuer = "TRUNG TÂM CHÍNH TRỊ";
  }
}

std::string ClassTitle(const TrainingClass& c) {
  return fmt::format("{} (từ {} đến {})", c.name, FormatVnDate(c.starts_on),
                     FormatVnDate(c.ends_on));
}

}  // namespace

PartyDocument ClassRoster(const ClassView& view, std::string_view place) {
  const TrainingClass& c = view.summary.training_class;
  PartyDocument d;
  Letterhead(d, view.summary);
  d.place_date = PlaceAndDate(place, std::nullopt);
  d.kind = "DANH SÁCH HỌC VIÊN";
  d.subject = {c.name};
  d.file_title = "Danh sách học viên — " + c.name;
  d.body.emplace_back(Paragraph{
      .runs = {{fmt::format("Thời gian: từ {} đến {}, {} buổi. Địa điểm: {}.",
                            FormatVnDate(c.starts_on), FormatVnDate(c.ends_on), c.session_count,
                            c.place.empty() ? std::string(kDots) : c.place)}},
      .align = Align::kCentre,
      .first_line_indent = false});
  std::vector<const EnrolmentView*> learners;
  for (const EnrolmentView& e : view.enrolments) {
    if (e.enrolment.state == EnrolmentState::kEnrolled ||
        e.enrolment.state == EnrolmentState::kNominated) {
      learners.push_back(&e);
    }
  }
  // Vietnamese lists go by given name (the last word), then the rest.
  auto key = [](const EnrolmentView* e) {
    const std::string k = SearchKey(e->person_name);
    const auto space = k.rfind(' ');
    return space == std::string::npos ? k : k.substr(space + 1) + " " + k;
  };
  std::stable_sort(learners.begin(), learners.end(),
                   [&](const auto* a, const auto* b) { return key(a) < key(b); });
  Table table{
      .headers = {"TT", "Họ và tên", "Ngày sinh", "Đơn vị cử đi học", "Số buổi dự", "Ký tên"},
      .widths = {0.06, 0.27, 0.14, 0.27, 0.1, 0.16},
      .size = 12,
      .min_row_height = 26};
  int n = 0;
  for (const EnrolmentView* e : learners) {
    table.rows.push_back({std::to_string(++n), e->person_name, FormatVnDate(e->birth_date),
                          e->nominating_org_name,
                          fmt::format("{}/{}", e->attended, c.session_count), ""});
  }
  d.body.emplace_back(std::in_place_type<Table>, std::move(table));
  d.body.emplace_back(
      Paragraph{.runs = {{fmt::format("Danh sách có {} học viên.", n), false, true}},
                .first_line_indent = false});
  d.signature = Signature{.authority = "",
                          .title = "NGƯỜI LẬP DANH SÁCH",
                          .hint = "(Ký, ghi rõ họ tên)",
                          .name = std::string(kDots)};
  return d;
}

Result<PartyDocument> ClassCertificate(const ClassView& view, const EnrolmentView& learner,
                                       std::string_view place, const std::string& verify_url) {
  const Enrolment& e = learner.enrolment;
  if (!e.certificate_date) {
    return Error::Conflict(fmt::format("{} chưa được cấp giấy chứng nhận", learner.person_name));
  }
  const TrainingClass& c = view.summary.training_class;
  PartyDocument d;
  Letterhead(d, view.summary);
  d.number =
      "Số " + (e.certificate_number.empty() ? std::string(kShortDots) : e.certificate_number);
  d.place_date = PlaceAndDate(place, e.certificate_date);
  d.kind = "GIẤY CHỨNG NHẬN";
  std::string label(ClassKindLabel(c.kind));
  if (label.starts_with("Lớp")) label.replace(0, 1, "l");
  d.subject = {"đã hoàn thành " + label};
  d.file_title = fmt::format("Giấy chứng nhận — {}", learner.person_name);
  auto line = [&](std::vector<Run> runs) {
    d.body.emplace_back(Paragraph{.runs = std::move(runs), .first_line_indent = false});
  };
  line({{"Chứng nhận đồng chí: "}, {learner.person_name, true}});
  line({{"Sinh ngày: " + FormatVnDate(learner.birth_date)}});
  line({{"Đơn vị: " + (learner.nominating_org_name.empty() ? std::string(kDots)
                                                           : learner.nominating_org_name)}});
  line({{"Đã hoàn thành chương trình " + ClassTitle(c) + "."}});
  if (learner.certificate_expires) {
    line({{fmt::format("Giấy chứng nhận có giá trị đến hết ngày {}.",
                       FormatVnDate(*learner.certificate_expires)),
           false, true}});
  }
  d.body.emplace_back(
      std::in_place_type<QrCode>,
      QrCode{.text = verify_url,
             .side_mm = 26,
             .caption = "Mã kiểm tra: " + e.verification_code + " — " + verify_url});
  d.signature =
      Signature{.authority = "", .title = "GIÁM ĐỐC", .hint = "", .name = std::string(kDots)};
  return d;
}

}  // namespace ptdv::report

#include "domain/candidate_path.h"

namespace ptdv {
namespace {

// Whether `stage` lies at or beyond `reached` on the way to official membership (the exits
// are past nothing).
bool Reached(Stage stage, Stage reached) {
  if (IsClosed(stage) && stage != Stage::kOfficial) return false;
  return static_cast<int>(stage) >= static_cast<int>(reached);
}

}  // namespace

std::vector<CandidateMilestone> CandidateMilestones(const Case& header,
                                                    std::optional<Date> sympathiser_on) {
  std::vector<CandidateMilestone> out;
  out.push_back({"Được giới thiệu vào nguồn phát triển đảng viên", header.opened_on});
  if (sympathiser_on) {
    out.push_back({"Được chi bộ công nhận là quần chúng cảm tình Đảng", *sympathiser_on});
  }
  if (header.certificate_date) {
    out.push_back({"Hoàn thành lớp bồi dưỡng nhận thức về Đảng", *header.certificate_date});
  }
  if (header.dossier_date) {
    out.push_back({"Nộp đơn xin vào Đảng và lý lịch", *header.dossier_date});
  }
  if (header.cell_vote_date && Reached(header.stage, Stage::kCellApproved)) {
    out.push_back({"Chi bộ đề nghị kết nạp", *header.cell_vote_date});
  }
  if (header.decision_date && Reached(header.stage, Stage::kAdmitted)) {
    out.push_back({"Có quyết định kết nạp vào Đảng", *header.decision_date});
  }
  if (header.ceremony_date && Reached(header.stage, Stage::kProbation)) {
    out.push_back({"Được kết nạp vào Đảng (lễ kết nạp)", *header.ceremony_date});
  }
  if (header.official_date && header.stage == Stage::kOfficial) {
    out.push_back({"Được công nhận đảng viên chính thức", *header.official_date});
  }
  return out;
}

CandidateNextStep CandidateNext(const Case& header) {
  CandidateNextStep next;
  next.by = header.next_deadline;
  switch (header.stage) {
    case Stage::kSource:
      next.label =
          "Chi bộ xem xét, công nhận là quần chúng cảm tình Đảng và phân công đảng viên "
          "giúp đỡ";
      next.who = "Chi bộ";
      next.to_bring = {
          "Tiếp tục rèn luyện, phấn đấu; gặp đảng viên được phân công giúp đỡ khi "
          "chi bộ thông báo"};
      break;
    case Stage::kSympathiser:
      next.label = "Học lớp bồi dưỡng nhận thức về Đảng";
      next.who = "Trung tâm Chính trị";
      next.to_bring = {"Tham dự đầy đủ các buổi học của lớp (xem lịch lớp bên dưới)",
                       "Hoàn thành bài thu hoạch cuối khóa"};
      break;
    case Stage::kCertified:
      next.label = "Viết đơn xin vào Đảng và tự khai lý lịch";
      next.who = "Bản thân anh/chị";
      next.to_bring = {"Đơn xin vào Đảng, tự viết tay (mẫu 1-KNĐ)",
                       "Lý lịch của người xin vào Đảng, tự khai (mẫu 2-KNĐ)",
                       "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng"};
      break;
    case Stage::kDossier:
      next.label = "Chi bộ hoàn thiện hồ sơ và họp xét đề nghị kết nạp";
      next.who = "Chi bộ";
      next.to_bring = {"Bổ sung giấy tờ khi chi bộ đề nghị"};
      break;
    case Stage::kCellApproved:
    case Stage::kIntermediateAppraised:
      next.label = "Đảng ủy cơ sở xét, đề nghị cấp trên quyết định kết nạp";
      next.who = "Đảng ủy cơ sở";
      break;
    case Stage::kGrassrootsApproved:
      next.label = "Cấp ủy cấp trên xem xét, ra quyết định kết nạp";
      next.who = "Cấp ủy cấp trên";
      break;
    case Stage::kAdmitted:
      next.label = "Dự lễ kết nạp Đảng";
      next.who = "Chi bộ tổ chức";
      next.to_bring = {"Có mặt đúng giờ tại lễ kết nạp theo thông báo của chi bộ"};
      break;
    case Stage::kProbation:
      next.label = "Học lớp bồi dưỡng đảng viên mới và rèn luyện trong 12 tháng dự bị";
      next.who = "Bản thân anh/chị và chi bộ";
      // P1: the probation runs 12 months from the ceremony.
      if (header.ceremony_date) next.by = AddMonths(*header.ceremony_date, 12);
      next.to_bring = {"Bản tự kiểm điểm khi hết thời gian dự bị (mẫu 10-KNĐ)"};
      break;
    case Stage::kRecognitionCellApproved:
    case Stage::kRecognitionIntermediateAppraised:
    case Stage::kRecognitionGrassrootsApproved:
      next.label = "Cấp ủy xem xét, quyết định công nhận đảng viên chính thức";
      next.who = "Cấp ủy có thẩm quyền";
      break;
    case Stage::kOfficial:
      next.label = "Đã là đảng viên chính thức";
      next.who = "";
      next.by.reset();
      break;
    case Stage::kWithdrawn:
    case Stage::kNotAdmitted:
    case Stage::kRemoved:
    case Stage::kCancelled:
      next.label = "Hồ sơ không còn được theo dõi";
      next.who = "";
      next.by.reset();
      break;
  }
  return next;
}

}  // namespace ptdv

// Vietnamese labels of the codes GET /api/v1/reference does not label (person fields, relations,
// findings, consents), the stage labels Việc cần làm needs before /reference
// answers (lib/reference.tsx), and plain explanations of the rule codes. The actions, their
// fields and forms, the source categories and the roles come only from /reference.

export const kStages: [string, string][] = [
  ['source', 'Quần chúng ưu tú (nguồn)'],
  ['sympathiser', 'Cảm tình Đảng'],
  ['certified', 'Đã học lớp bồi dưỡng nhận thức về Đảng'],
  ['dossier', 'Lập hồ sơ đề nghị kết nạp'],
  ['cell_approved', 'Chi bộ đã xét, đề nghị kết nạp'],
  ['intermediate_appraised', 'Đảng ủy bộ phận đã thẩm định'],
  ['grassroots_approved', 'Đảng ủy cơ sở đã xét, đề nghị'],
  ['admitted', 'Đã có quyết định kết nạp'],
  ['probation', 'Đảng viên dự bị'],
  ['recognition_cell_approved', 'Chi bộ đã xét, đề nghị công nhận chính thức'],
  ['recognition_intermediate_appraised', 'Đảng ủy bộ phận đã thẩm định công nhận chính thức'],
  ['recognition_grassroots_approved', 'Đảng ủy cơ sở đã đề nghị công nhận chính thức'],
  ['official', 'Đảng viên chính thức'],
  ['withdrawn', 'Dừng theo dõi'],
  ['not_admitted', 'Không được kết nạp'],
  ['removed', 'Xóa tên trong danh sách đảng viên dự bị'],
  ['cancelled', 'Hủy quyết định kết nạp'],
];

// The main line of the procedure, in order; the timeline draws these.
export const kMainStages = kStages.slice(0, 13).map(([code]) => code);
export const kClosedStages = ['official', 'withdrawn', 'not_admitted', 'removed', 'cancelled'];

export const kSexes: [string, string][] = [['male', 'Nam'], ['female', 'Nữ']];

export const kEducations: [string, string][] = [
  ['none', 'Chưa biết chữ'],
  ['literacy', 'Biết đọc, biết viết'],
  ['primary', 'Tiểu học'],
  ['lower_secondary', 'Trung học cơ sở'],
  ['upper_secondary', 'Trung học phổ thông'],
];

export const kOccupations: [string, string][] = [
  ['civil_servant', 'Cán bộ, công chức'],
  ['public_employee', 'Viên chức'],
  ['business_employee', 'Người lao động doanh nghiệp nhà nước'],
  ['worker', 'Công nhân'],
  ['farmer', 'Nông dân'],
  ['student', 'Học sinh, sinh viên'],
  ['teacher', 'Giáo viên'],
  ['armed_forces', 'Quân đội, công an'],
  ['militia', 'Dân quân'],
  ['private_enterprise_employee', 'Người lao động doanh nghiệp tư nhân'],
  ['fdi_employee', 'Người lao động doanh nghiệp có vốn nước ngoài'],
  ['private_business_owner', 'Chủ doanh nghiệp tư nhân'],
  ['other', 'Khác'],
];

export const kWorkplaces: [string, string][] = [
  ['state', 'Nhà nước'],
  ['private', 'Tư nhân'],
  ['fdi', 'Có vốn đầu tư nước ngoài'],
  ['household', 'Hộ gia đình'],
  ['none', 'Không'],
];

export const kRelations: [string, string][] = [
  ['self', 'Bản thân'],
  ['father', 'Cha'],
  ['mother', 'Mẹ'],
  ['parent_in_law', 'Cha, mẹ vợ (chồng)'],
  ['guardian', 'Người nuôi dưỡng'],
  ['spouse', 'Vợ (chồng)'],
  ['child', 'Con'],
];

export const kFindings: [string, string][] = [
  ['clear', 'Không có vấn đề'],
  ['political_issue', 'Có vấn đề chính trị'],
];

export const kConsents: [string, string][] = [
  ['over_60', 'Ban Thường vụ Tỉnh ủy đồng ý kết nạp người trên 60 tuổi'],
  ['education_exception', 'Căn cứ ngoại lệ về trình độ học vấn'],
  ['late_ceremony', 'Cấp ủy cấp trên đồng ý tổ chức lễ kết nạp muộn'],
  ['no_youth_union', 'Nơi không có tổ chức Đoàn'],
];

// Plain explanations of the rule codes (../shared/DOMAIN.md), for people who do not know them.
export const kRuleExplanations: Record<string, string> = {
  R1: 'Tuổi đời khi kết nạp: đủ 18 tuổi, không quá 60 tuổi (trên 60 cần Ban Thường vụ Tỉnh ủy đồng ý).',
  R1a: 'Người trên 60 tuổi cần văn bản đồng ý của cấp ủy có thẩm quyền.',
  R2: 'Trình độ học vấn: tốt nghiệp trung học cơ sở trở lên, trừ các trường hợp ngoại lệ.',
  R3: 'Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng còn giá trị (60 tháng).',
  R4: 'Có đủ người giới thiệu: hai đảng viên chính thức, hoặc nghị quyết giới thiệu của Đoàn / Công đoàn.',
  R5: 'Người giới thiệu là đảng viên chính thức, công tác, sinh hoạt cùng ít nhất 12 tháng.',
  R6: 'Hồ sơ lập không quá 12 tháng trước khi chi bộ xét.',
  R7: 'Đã thẩm tra lý lịch đầy đủ và có kết luận.',
  S0: 'Chi bộ phân công đảng viên chính thức giúp đỡ người vào Đảng.',
  S1: 'Người vào Đảng đã học lớp bồi dưỡng nhận thức về Đảng.',
  S4: 'Đảng ủy cơ sở đóng dấu giáp lai lý lịch.',
  S5: 'Thẩm tra lý lịch trong thời hạn quy định.',
  S6: 'Có người giới thiệu hợp lệ.',
  S7: 'Có tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú.',
  S8: 'Chi bộ kiểm tra lại mọi điều kiện tại ngày họp xét.',
  S9: 'Chi bộ biểu quyết: cần ít nhất 2/3 tổng số đảng viên chính thức của chi bộ tán thành.',
  S10: 'Đảng ủy bộ phận thẩm định trước khi đảng ủy cơ sở xét.',
  S11: 'Đảng ủy cơ sở biểu quyết: cần ít nhất 2/3 tổng số cấp ủy viên tán thành.',
  S12: 'Cấp có thẩm quyền ra quyết định kết nạp trong 60 ngày làm việc (gia hạn tối đa 30 ngày).',
  S13: 'Tổ chức lễ kết nạp trong 30 ngày làm việc kể từ khi nhận quyết định.',
  P1: 'Thời gian dự bị 12 tháng kể từ ngày kết nạp.',
  P2: 'Đảng viên dự bị học lớp bồi dưỡng lý luận chính trị cho đảng viên mới.',
  P3: 'Đảng ủy cơ sở thẩm định, đề nghị công nhận chính thức.',
  P4: 'Chi bộ xét công nhận chính thức trong 30 ngày làm việc sau khi hết thời gian dự bị; cần 2/3 tán thành.',
  P5: 'Cấp có thẩm quyền ra quyết định công nhận chính thức đúng thời hạn.',
  P6: 'Tuổi đảng tính từ ngày kết nạp (đủ 12 tháng dự bị).',
  P7: 'Sau ba lần chi bộ biểu quyết không đủ 2/3, cấp ủy cấp trên quyết định.',
  P8: 'Xóa tên đảng viên dự bị không đủ tư cách.',
};

export function labelOf(table: [string, string][], code: string | null | undefined): string {
  if (!code) return '';
  return table.find(([c]) => c === code)?.[1] ?? code;
}

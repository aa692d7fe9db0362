// Vietnamese labels of the codes GET /api/v1/reference does not label (person fields, relations,
// findings, consents) and the stage labels Việc cần làm needs before /reference
// answers (lib/reference.tsx). The actions, their fields and forms, the source categories, the
// roles and the rule labels come only from /reference.

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

export function labelOf(table: [string, string][], code: string | null | undefined): string {
  if (!code) return '';
  return table.find(([c]) => c === code)?.[1] ?? code;
}

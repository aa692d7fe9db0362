// Vietnamese labels of the codes the API returns (src/domain/model.cc, src/domain/role.cc).
// GET /api/v1/reference is the source of truth once it answers (lib/reference.ts); these tables
// keep the UI readable while it does not, and name the event fields of each action.

import type { Reference, ReferenceAction } from '../api/types';

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

// Fields of the event body (POST /cases/{id}/events) each action asks for; `documents` is a
// list of {form_code, number, date, issuer}; `vote` is {eligible, present, in_favour, against}.
const F = {
  doc: 'documents', vote: 'vote', member: 'member_person_id', since: 'together_since',
  repl: 'replacement', rname: 'relative_name', rel: 'relation', rmember: 'relative_is_member',
  finding: 'finding', consent: 'consent', received: 'received_on', ext: 'extension_working_days',
  note: 'note',
};

export const kActions: ReferenceAction[] = [
  { code: 'mark_sympathiser', label: 'Đưa vào danh sách cảm tình Đảng', fields: [F.member, F.note], form: '' },
  { code: 'assign_helper', label: 'Phân công đảng viên giúp đỡ', fields: [F.member, F.note], form: '' },
  { code: 'record_certificate', label: 'Ghi nhận giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng', fields: [F.doc, F.note], form: '' },
  { code: 'open_dossier', label: 'Nhận đơn xin vào Đảng và lý lịch', fields: [F.doc, F.note], form: '1-KNĐ' },
  { code: 'stamp_biography', label: 'Đảng ủy cơ sở đóng dấu giáp lai lý lịch', fields: [F.note], form: '' },
  { code: 'request_verification', label: 'Gửi công văn thẩm tra lý lịch', fields: [F.rel, F.rname, F.rmember, F.doc, F.note], form: '20-KNĐ' },
  { code: 'record_verification_reply', label: 'Ghi nhận kết quả thẩm tra lý lịch', fields: [F.rel, F.rname, F.finding, F.doc, F.note], form: '' },
  { code: 'conclude_verification', label: 'Kết luận thẩm tra lý lịch', fields: [F.doc, F.note], form: '' },
  { code: 'add_introducer', label: 'Ghi nhận người giới thiệu', fields: [F.member, F.since, F.repl, F.doc, F.note], form: '3-KNĐ' },
  { code: 'record_union_resolution', label: 'Ghi nhận nghị quyết giới thiệu của Đoàn / Công đoàn', fields: [F.doc, F.note], form: '4-KNĐ' },
  { code: 'record_opinions', label: 'Tổng hợp ý kiến nhận xét', fields: [F.doc, F.note], form: '5-KNĐ' },
  { code: 'record_consent', label: 'Ghi nhận văn bản đồng ý / căn cứ ngoại lệ', fields: [F.consent, F.doc, F.note], form: '' },
  { code: 'cell_vote', label: 'Chi bộ xét, đề nghị kết nạp', fields: [F.vote, F.doc, F.note], form: '6-KNĐ' },
  { code: 'intermediate_appraisal', label: 'Đảng ủy bộ phận thẩm định', fields: [F.doc, F.note], form: '7-KNĐ' },
  { code: 'grassroots_vote', label: 'Đảng ủy cơ sở xét, đề nghị', fields: [F.vote, F.doc, F.note], form: '8-KNĐ' },
  { code: 'extend_decision', label: 'Gia hạn thời gian ra quyết định kết nạp', fields: [F.ext, F.doc, F.note], form: '' },
  { code: 'admission_decision', label: 'Quyết định kết nạp', fields: [F.doc, F.received, F.note], form: '9-KNĐ' },
  { code: 'ceremony', label: 'Lễ kết nạp', fields: [F.doc, F.note], form: '' },
  { code: 'record_new_member_certificate', label: 'Ghi nhận chứng nhận lớp bồi dưỡng lý luận chính trị cho đảng viên mới', fields: [F.doc, F.note], form: '' },
  { code: 'recognition_cell_vote', label: 'Chi bộ xét, đề nghị công nhận đảng viên chính thức', fields: [F.vote, F.doc, F.note], form: '13-KNĐ' },
  { code: 'recognition_intermediate', label: 'Đảng ủy bộ phận thẩm định công nhận chính thức', fields: [F.doc, F.note], form: '14-KNĐ' },
  { code: 'recognition_grassroots_vote', label: 'Đảng ủy cơ sở xét, đề nghị công nhận chính thức', fields: [F.vote, F.doc, F.note], form: '15-KNĐ' },
  { code: 'extend_recognition_decision', label: 'Gia hạn thời gian ra quyết định công nhận chính thức', fields: [F.ext, F.doc, F.note], form: '' },
  { code: 'recognition_decision', label: 'Công nhận đảng viên chính thức', fields: [F.doc, F.note], form: '16-KNĐ' },
  { code: 'withdraw', label: 'Dừng theo dõi', fields: [F.note], form: '' },
  { code: 'reject_admission', label: 'Không kết nạp', fields: [F.doc, F.note], form: '' },
  { code: 'remove_name', label: 'Xóa tên trong danh sách đảng viên dự bị', fields: [F.doc, F.note], form: '' },
  { code: 'cancel_decision', label: 'Hủy quyết định kết nạp', fields: [F.doc, F.note], form: '' },
];

export const kCategories: [string, string][] = [
  ['teacher', 'Giáo viên'],
  ['student', 'Học sinh, sinh viên'],
  ['militia', 'Dân quân'],
  ['youth_union', 'Đoàn viên'],
  ['worker', 'Công nhân, người lao động'],
  ['private_enterprise', 'Doanh nghiệp ngoài nhà nước'],
  ['civil_servant', 'Cán bộ, công chức, viên chức'],
  ['other', 'Khác'],
];

export const kRoles: [string, string][] = [
  ['city_admin', 'Quản trị hệ thống cấp thành phố'],
  ['organisation_board', 'Ban Tổ chức'],
  ['grassroots_staff', 'Chuyên viên đảng ủy cơ sở'],
  ['cell_secretary', 'Bí thư chi bộ'],
  ['political_centre', 'Trung tâm Chính trị'],
  ['leader', 'Lãnh đạo'],
];

export const kOrgKinds: Record<string, string> = {
  provincial_committee: 'Tỉnh ủy',
  city_committee: 'Thành ủy, huyện ủy',
  grassroots_committee: 'Đảng bộ cơ sở',
  intermediate_committee: 'Đảng ủy bộ phận',
  cell: 'Chi bộ',
  grassroots_cell: 'Chi bộ cơ sở',
  political_centre: 'Trung tâm chính trị',
  organisation_board: 'Ban Tổ chức',
};

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

export function fallbackReference(): Reference {
  return {
    stages: kStages.map(([code, label]) => ({ code, label })),
    actions: kActions,
    categories: kCategories.map(([code, label]) => ({ code, label })),
    roles: kRoles.map(([code, label]) => ({ code, label })),
  };
}

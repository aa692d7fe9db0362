// Answers of the mass organisations' API for the page tests (shapes of the OpenAPI document).
import type { MassOrganisation, MassOrganisationStats, Nomination, Opinion } from '../api/types';

export const kYouthUnion: MassOrganisation = {
  id: 4, kind: 'youth_union', kind_label: 'Đoàn Thanh niên Cộng sản Hồ Chí Minh', name: 'Đoàn Thanh niên phường Tây Lộc',
  ward: { code: 'HUE-TAYLOC', name: 'Đảng ủy phường Tây Lộc' },
};
export const kMilitia: MassOrganisation = {
  id: 7, kind: 'militia_command', kind_label: 'Ban Chỉ huy quân sự', name: 'Ban Chỉ huy quân sự phường Tây Lộc',
  ward: { code: 'HUE-TAYLOC', name: 'Đảng ủy phường Tây Lộc' },
};

export const stats = (org: MassOrganisation, counts: Partial<MassOrganisationStats> = {}): MassOrganisationStats => ({
  ...org, nominated: 5, waiting: 2, accepted: 2, declined: 1, became_members: 1, opinions_given: 3, ...counts,
});

const kBase = {
  mass_organisation: kYouthUnion, sex: 'female' as const, category: 'youth_union', category_label: 'Đoàn viên thanh niên',
  evidence: 'Giấy khen của Thành đoàn năm 2022', decision_note: '', recorded_by: 'doanthanhnien.tayloc',
  decided_on: null, case_id: null, cell: null, stage: null, stage_label: null,
};

export const kWaiting: Nomination = {
  ...kBase, id: 31, full_name: 'Trần Thị Mai', birth_date: '2001-02-03', reason: 'Bí thư chi đoàn, gương mẫu',
  nominated_on: '2023-11-01', status: 'waiting', status_label: 'Chờ xem xét',
};
export const kAccepted: Nomination = {
  ...kBase, id: 30, full_name: 'Lê Văn Hùng', birth_date: '1999-07-08', sex: 'male', reason: 'Thanh niên tình nguyện tiêu biểu',
  nominated_on: '2023-09-10', status: 'accepted', status_label: 'Đã tiếp nhận vào nguồn', decided_on: '2023-09-20',
  case_id: 77, cell: { code: 'HUE-TAYLOC-CB01', name: 'Chi bộ 1' }, stage: 'source', stage_label: 'Quần chúng ưu tú (nguồn)',
};
export const kDeclined: Nomination = {
  ...kBase, id: 29, full_name: 'Phạm Văn Tý', birth_date: '2000-01-01', sex: 'male', reason: 'Hoạt động tích cực',
  nominated_on: '2023-08-01', status: 'declined', status_label: 'Không tiếp nhận', decided_on: '2023-08-15',
  decision_note: 'Chưa đủ 18 tuổi vào ngày xét',
};

export const opinion = (fields: Partial<Opinion> = {}): Opinion => ({
  id: 9, case_id: 41, mass_organisation: kYouthUnion, kind: 'opinion', kind_label: 'Ý kiến nhận xét', form: null,
  given_on: '2023-11-10', content: 'Đoàn viên gương mẫu, được tín nhiệm', recorded_by: 'doanthanhnien.tayloc',
  recorded_at: '2023-11-10T02:00:00Z', ...fields,
});

export const kOrganisationTree = {
  on: '2023-11-15',
  items: [
    { id: 1, parent_id: null, kind: 'city_committee', code: 'HUE', name: 'Thành ủy Huế', valid_from: '2000-01-01', valid_to: null, kind_label: '', official_members: 100, probationary_members: 5 },
    { id: 2, parent_id: 1, kind: 'grassroots_committee', code: 'HUE-TAYLOC', name: 'Đảng ủy phường Tây Lộc', valid_from: '2000-01-01', valid_to: null, kind_label: '', official_members: 50, probationary_members: 2 },
    { id: 3, parent_id: 2, kind: 'cell', code: 'HUE-TAYLOC-CB01', name: 'Chi bộ 1', valid_from: '2000-01-01', valid_to: null, kind_label: '', official_members: 20, probationary_members: 1 },
    { id: 4, parent_id: 2, kind: 'cell', code: 'HUE-TAYLOC-CB02', name: 'Chi bộ 2', valid_from: '2000-01-01', valid_to: null, kind_label: '', official_members: 20, probationary_members: 1 },
    { id: 5, parent_id: 1, kind: 'grassroots_committee', code: 'HUE-VYDA', name: 'Đảng ủy phường Vỹ Dạ', valid_from: '2000-01-01', valid_to: null, kind_label: '', official_members: 50, probationary_members: 3 },
    { id: 6, parent_id: 5, kind: 'cell', code: 'HUE-VYDA-CB01', name: 'Chi bộ Vỹ Dạ 1', valid_from: '2000-01-01', valid_to: null, kind_label: '', official_members: 10, probationary_members: 0 },
  ],
};

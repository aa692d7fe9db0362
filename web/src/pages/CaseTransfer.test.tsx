import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { CaseView, OrgTreeRow } from '../api/types';
import { callsTo, kUsers, mockApi, renderPage, type Routes } from '../test/mockApi';
import { transferChoices } from '../components/CaseTransfer';
import CasePage from './CasePage';

// "Chuyển sang chi bộ khác" on a case's page (components/CaseTransfer.tsx): who is offered it,
// the cells offered, what it sends, and a refusal shown in the form.

const unit = (id: number, parent_id: number | null, code: string, name: string, kind = 'cell') => ({
  id, parent_id, code, name, kind, kind_label: '', valid_from: '2019-01-01', valid_to: null as string | null,
  authorised_to_admit: false, official_members: 9, probationary_members: 1, committee_member_count: 0, successor_id: null,
}) as OrgTreeRow;

const kWard = unit(2, 1, 'HUE-TAYLOC', 'Đảng ủy phường Tây Lộc', 'grassroots_committee');
const kCell1 = unit(21, 2, 'HUE-TAYLOC-CB01', 'Chi bộ Khu vực 1');
const kCell2 = unit(22, 2, 'HUE-TAYLOC-CB02', 'Chi bộ Tổ dân phố 2');
const kSchool = unit(23, 2, 'HUE-TAYLOC-THPT', 'Chi bộ Trường THPT Đặng Trần Côn');
// Merged into another on 01/10/2023: not offered.
const kEnded = { ...unit(24, 2, 'HUE-TAYLOC-CB04', 'Chi bộ Khu vực 4'), valid_to: '2023-09-30' };
const kTree = { on: '2023-11-15', items: [unit(1, null, 'HUE', 'Thành ủy Huế', 'city_committee'), kWard, kCell1, kCell2, kSchool, kEnded] };

const cellOf = (o: OrgTreeRow) => ({
  id: o.id, parent_id: o.parent_id, kind: o.kind, code: o.code, name: o.name, authorised_to_admit: false,
  committee_member_count: 0, valid_from: o.valid_from, valid_to: o.valid_to, successor_id: null,
});

function caseView(cell: OrgTreeRow, patch: Partial<CaseView['case']> = {}): CaseView {
  return {
    case: {
      id: 41, person_id: 7, cell_id: cell.id, category: 'student', stage: 'dossier', opened_on: '2023-01-10', version: 3,
      certificate_date: '2023-03-01', dossier_date: '2023-06-01', cell_vote_date: null, decision_date: null, ceremony_date: null,
      official_date: null, closed_on: null, next_deadline: null, next_deadline_rule: '', ...patch,
    },
    person: {
      id: 7, full_name: 'Lê Thị Cúc', birth_date: '1998-05-20', sex: 'female', ethnicity: 'Kinh', religion: '',
      general_education: 'upper_secondary', professional_education: '', occupation: 'student', workplace_type: 'none',
      youth_union_member: true, trade_union_member: false, org_id: cell.id, version: 1,
    },
    cell: cellOf(cell),
    evaluation: {
      stage: patch.stage ?? 'dossier', stage_label: 'Lập hồ sơ đề nghị kết nạp', rule_set: 'qd24', allowed_actions: [], unmet: [],
      deadlines: [], failed_recognition_votes: 0, escalated: false,
    },
    events: [],
  };
}

function routes(view: () => CaseView, more: Routes = {}): Routes {
  return {
    'GET /organisations': { body: kTree },
    'GET /cases/41': () => ({ body: view() }),
    'GET /deadlines': { body: { on: '2023-11-15', items: [] } },
    'GET /audit': { body: { items: [], next_before: null } },
    'GET /cases/41/attachments': { body: { items: [], downloadable: true, max_bytes: 1000000 } },
    'GET /cases/41/documents': { body: { items: [] } },
    ...more,
  };
}

const dialog = () => within(screen.getByRole('dialog'));
const options = () => [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')];
const kMove = 'Chuyển sang chi bộ khác';

async function openAndPick(search: string, text: string) {
  fireEvent.click(await screen.findByRole('button', { name: kMove }));
  await screen.findByRole('dialog');
  const box = dialog().getByLabelText('Chi bộ tiếp nhận');
  fireEvent.mouseDown(box);
  fireEvent.change(box, { target: { value: search } });
  await waitFor(() => expect(options().some((o) => o.textContent === text)).toBe(true));
  fireEvent.click(options().find((o) => o.textContent === text)!);
}

function typeDate(label: string, text: string) {
  const input = dialog().getByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
  fireEvent.blur(input);
}

describe('CaseTransfer', () => {
  it('is offered to ward staff on an open case, not to a leader nor on a closed case', async () => {
    mockApi(routes(() => caseView(kCell1)), kUsers.ward);
    const ward = renderPage(<CasePage />, '/ho-so/41', '/ho-so/:id');
    await screen.findByRole('button', { name: kMove });
    ward.unmount();

    mockApi(routes(() => caseView(kCell1)), { ...kUsers.ward, role: 'leader' });
    const leader = renderPage(<CasePage />, '/ho-so/41', '/ho-so/:id');
    await screen.findByRole('button', { name: 'In hồ sơ' });
    await screen.findByRole('heading', { name: 'Lê Thị Cúc' });
    expect(screen.queryByRole('button', { name: kMove })).toBeNull();
    leader.unmount();

    mockApi(routes(() => caseView(kCell1, { stage: 'withdrawn', closed_on: '2023-10-01' })), kUsers.ward);
    renderPage(<CasePage />, '/ho-so/41', '/ho-so/:id');
    await screen.findByRole('button', { name: 'In hồ sơ' });
    await screen.findByRole('heading', { name: 'Lê Thị Cúc' });
    expect(screen.queryByRole('button', { name: kMove })).toBeNull();
  });

  it('offers the other cells of today by name, posts the cell and the date, and shows the new cell', async () => {
    let moved = false;
    const calls = mockApi(routes(() => caseView(moved ? kCell2 : kCell1), {
      'POST /cases/41/transfer': () => {
        moved = true;
        return { body: { case: { ...caseView(kCell2).case, version: 4 } } };
      },
    }), kUsers.ward);
    renderPage(<CasePage />, '/ho-so/41', '/ho-so/:id');
    fireEvent.click(await screen.findByRole('button', { name: kMove }));
    await screen.findByRole('dialog');
    expect(dialog().getByText(/Hồ sơ giữ nguyên các bước đã làm và thời hạn; chi bộ mới tiếp tục từ bước hiện tại\./)).toBeTruthy();
    // The server's today is the date offered.
    await waitFor(() => expect((dialog().getByLabelText('Ngày chuyển') as HTMLInputElement).value).toBe('15/11/2023'));
    // Cells only, of today, not its own; found without diacritics.
    fireEvent.mouseDown(dialog().getByLabelText('Chi bộ tiếp nhận'));
    await waitFor(() => expect(options().map((o) => o.textContent)).toEqual(['Chi bộ Tổ dân phố 2', 'Chi bộ Trường THPT Đặng Trần Côn']));
    fireEvent.change(dialog().getByLabelText('Chi bộ tiếp nhận'), { target: { value: 'dang tran con' } });
    await waitFor(() => expect(options().map((o) => o.textContent)).toEqual(['Chi bộ Trường THPT Đặng Trần Côn']));
    fireEvent.change(dialog().getByLabelText('Chi bộ tiếp nhận'), { target: { value: 'to dan pho' } });
    await waitFor(() => expect(options().map((o) => o.textContent)).toEqual(['Chi bộ Tổ dân phố 2']));
    fireEvent.click(options()[0]);
    typeDate('Ngày chuyển', '14/11/2023');
    fireEvent.click(screen.getByRole('button', { name: 'Chuyển hồ sơ' }));
    await waitFor(() => expect(callsTo(calls, 'POST', '/cases/41/transfer')).toHaveLength(1));
    expect(callsTo(calls, 'POST', '/cases/41/transfer')[0].body).toEqual({ cell: 'HUE-TAYLOC-CB02', date: '2023-11-14' });
    await screen.findByText('Đã chuyển hồ sơ sang Chi bộ Tổ dân phố 2');
    await waitFor(() => expect(document.querySelector('.case-meta')?.textContent).toContain('Chi bộ Tổ dân phố 2'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows a refusal in the form and keeps it open', async () => {
    const refusal = 'Ngày chuyển không được trước ngày của bước gần nhất (01/06/2023)';
    const calls = mockApi(routes(() => caseView(kCell1), {
      'POST /cases/41/transfer': { status: 400, body: { error: { code: 'invalid', field: 'date', message: refusal } } },
    }), kUsers.ward);
    renderPage(<CasePage />, '/ho-so/41', '/ho-so/:id');
    await openAndPick('to dan pho 2', 'Chi bộ Tổ dân phố 2');
    fireEvent.click(screen.getByRole('button', { name: 'Chuyển hồ sơ' }));
    const alert = await dialog().findByRole('alert');
    expect(alert.textContent).toContain(refusal);
    expect(callsTo(calls, 'POST', '/cases/41/transfer')[0].body).toEqual({ cell: 'HUE-TAYLOC-CB02', date: '2023-11-15' });
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});

describe('transferChoices', () => {
  it('names a cell by the unit above it when two cells share a name', () => {
    const other = unit(30, 3, 'HUE-VYDA-CB01', 'Chi bộ Khu vực 1');
    const rows = [kWard, unit(3, 1, 'HUE-VYDA', 'Đảng ủy phường Vỹ Dạ', 'grassroots_committee'), kCell1, kCell2, other];
    expect(transferChoices(rows, 22, '2023-11-15').map((o) => o.label)).toEqual([
      'Chi bộ Khu vực 1 — Đảng ủy phường Tây Lộc', 'Chi bộ Khu vực 1 — Đảng ủy phường Vỹ Dạ',
    ]);
    // Not before a cell was founded.
    expect(transferChoices([{ ...kCell2, valid_from: '2023-12-01' }, kCell1], 21, '2023-11-15')).toEqual([]);
  });
});

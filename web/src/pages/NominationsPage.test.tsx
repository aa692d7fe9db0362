import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { forgetOrganisations } from '../lib/myOrg';
import { callsTo, kUsers, mockApi, renderPage, type Routes } from '../test/mockApi';
import { kAccepted, kDeclined, kMilitia, kOrganisationTree, kWaiting, kYouthUnion, stats } from '../test/massOrgFixtures';
import NominationsPage from './NominationsPage';

const kRoutes: Routes = {
  'GET /organisations': { body: kOrganisationTree },
  'GET /nominations': (call) => ({
    body: { items: [kWaiting, kAccepted, kDeclined].filter((n) => !call.query.get('status') || n.status === call.query.get('status')) },
  }),
  'GET /mass-organisations': {
    body: {
      org: { id: 2, code: 'HUE-TAYLOC', name: 'Đảng ủy phường Tây Lộc', kind: 'grassroots_committee' },
      items: [stats(kYouthUnion), stats(kMilitia, { nominated: 0, waiting: 0, accepted: 0, declined: 0, became_members: 0, opinions_given: 4 })],
    },
  },
};

const dialog = () => within(screen.getByRole('dialog'));
const options = () => [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')];

describe('NominationsPage', () => {
  beforeEach(() => forgetOrganisations());

  it('lists the nominations of the unit and what each organisation achieved', async () => {
    mockApi(kRoutes, kUsers.ward);
    renderPage(<NominationsPage />, '/doan-the-gioi-thieu', '/doan-the-gioi-thieu');
    await screen.findByText('Trần Thị Mai', { selector: '.nominations-table td' });
    const accepted = screen.getByRole('link', { name: /^Tiếp nhận vào Chi bộ 1 ngày 20\/09\/2023/ });
    expect(accepted.getAttribute('href')).toBe('/ho-so/77');
    // Only the waiting one can be decided.
    expect(screen.getAllByRole('button', { name: /^Tiếp nhận .* vào nguồn$/ })).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Không tiếp nhận Trần Thị Mai' })).toBeTruthy();
    const militia = (await screen.findByText('Ban Chỉ huy quân sự phường Tây Lộc')).closest('tr')!;
    expect([...militia.querySelectorAll('td')].map((td) => td.textContent).slice(1)).toEqual(['0', '0', '0', '0', '4']);
  });

  it('sends the unit and the state chosen to the server', async () => {
    const calls = mockApi(kRoutes, kUsers.ward);
    renderPage(<NominationsPage />, '/doan-the-gioi-thieu?org=HUE-TAYLOC&status=waiting', '/doan-the-gioi-thieu');
    await screen.findByText('Trần Thị Mai', { selector: '.nominations-table td' });
    expect(screen.queryByText('Lê Văn Hùng', { selector: '.nominations-table td' })).toBeNull();
    expect(Object.fromEntries(callsTo(calls, 'GET', '/nominations').at(-1)!.query)).toEqual({ org: 'HUE-TAYLOC', status: 'waiting' });
    expect(Object.fromEntries(callsTo(calls, 'GET', '/mass-organisations').at(-1)!.query)).toEqual({ org: 'HUE-TAYLOC' });
  });

  it('takes a waiting nomination into a cell of its ward', async () => {
    const calls = mockApi({
      ...kRoutes,
      'POST /nominations/31/accept': { body: { nomination: { ...kWaiting, status: 'accepted', status_label: 'Đã tiếp nhận vào nguồn', case_id: 90, cell: { code: 'HUE-TAYLOC-CB02', name: 'Chi bộ 2' } } } },
    }, kUsers.ward);
    renderPage(<NominationsPage />, '/doan-the-gioi-thieu', '/doan-the-gioi-thieu');
    fireEvent.click(await screen.findByRole('button', { name: 'Tiếp nhận Trần Thị Mai vào nguồn' }));
    await screen.findByRole('dialog');
    const box = dialog().getByLabelText('Chi bộ tiếp nhận');
    fireEvent.mouseDown(box);
    // The cells of Tây Lộc only, not those of another ward.
    await waitFor(() => expect(options().map((o) => o.textContent)).toEqual(['Chi bộ 1', 'Chi bộ 2']));
    fireEvent.click(options()[1]);
    expect((dialog().getByLabelText('Ngày tiếp nhận') as HTMLInputElement).value).toBe('15/11/2023');
    fireEvent.click(dialog().getByText('Tiếp nhận', { selector: 'button span' }));
    await waitFor(() => expect(callsTo(calls, 'POST', '/nominations/31/accept')).toHaveLength(1));
    expect(callsTo(calls, 'POST', '/nominations/31/accept')[0].body).toEqual({ cell: 'HUE-TAYLOC-CB02', accepted_on: '2023-11-15' });
    await screen.findByText('Đã tiếp nhận Trần Thị Mai vào nguồn của Chi bộ 2');
    await waitFor(() => expect(callsTo(calls, 'GET', '/nominations')).toHaveLength(2));
  });

  it('declines only with a reason, and shows the server’s refusal', async () => {
    const calls = mockApi({
      ...kRoutes,
      'POST /nominations/31/decline': { status: 409, body: { error: { code: 'conflict', message: 'Người này đã được xem xét rồi' } } },
    }, kUsers.ward);
    renderPage(<NominationsPage />, '/doan-the-gioi-thieu', '/doan-the-gioi-thieu');
    fireEvent.click(await screen.findByRole('button', { name: 'Không tiếp nhận Trần Thị Mai' }));
    await screen.findByRole('dialog');
    fireEvent.click(dialog().getByText('Không tiếp nhận', { selector: 'button span' }));
    await dialog().findByText('Cần nêu lý do không tiếp nhận');
    expect(callsTo(calls, 'POST', '/nominations/31/decline')).toHaveLength(0);
    fireEvent.change(dialog().getByLabelText('Lý do không tiếp nhận'), { target: { value: 'Đã có trong nguồn của chi bộ' } });
    fireEvent.click(dialog().getByText('Không tiếp nhận', { selector: 'button span' }));
    await dialog().findByText('Người này đã được xem xét rồi');
    expect(callsTo(calls, 'POST', '/nominations/31/decline')[0].body).toEqual({ reason: 'Đã có trong nguồn của chi bộ', declined_on: '2023-11-15' });
  });

  it('offers no decision to a role that does not keep people', async () => {
    mockApi(kRoutes, kUsers.board);
    renderPage(<NominationsPage />, '/doan-the-gioi-thieu', '/doan-the-gioi-thieu');
    await screen.findByText('Trần Thị Mai', { selector: '.nominations-table td' });
    expect(screen.queryByRole('button', { name: /Tiếp nhận/ })).toBeNull();
  });
});

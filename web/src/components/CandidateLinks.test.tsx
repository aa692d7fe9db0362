import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { CandidateLink, CaseHeader } from '../api/types';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import { CandidateLinks, defaultExpiry } from './CandidateLinks';

// «Đường dẫn theo dõi cho người được phát triển» on a case's page: the links and their state,
// issuing one (its address shown once, with a QR code), revoking one, and who is offered what.

const kHeader: CaseHeader = {
  id: 41, person_id: 7, cell_id: 21, category: 'student', stage: 'dossier', opened_on: '2023-01-10', version: 3,
  certificate_date: '2023-03-01', dossier_date: '2023-06-01', cell_vote_date: null, decision_date: null, ceremony_date: null,
  official_date: null, closed_on: null, next_deadline: null, next_deadline_rule: '',
};

const link = (patch: Partial<CandidateLink>): CandidateLink => ({
  id: 5, case_id: 41, issued_at: '2023-11-10T02:00:00Z', issued_by: 'taylocdu', expires_on: '2024-02-08',
  state: 'active', revoked_at: null, revoked_by: '', views: 3, last_viewed_at: '2023-11-14T13:30:00Z', ...patch,
});

const kActive = link({});
const kRevoked = link({ id: 4, expires_on: '2024-01-20', state: 'revoked', revoked_at: '2023-11-01T01:00:00Z', revoked_by: 'bithu.tayloc', views: 0, last_viewed_at: null });
const kExpired = link({ id: 3, expires_on: '2023-10-31', state: 'expired', views: 1, last_viewed_at: '2023-09-02T00:15:00Z' });
const kToken = 'q8N3zV0kX2mYfA7cR1tLw9pE5sJ4hU6bG_dK-oI3nZa';

const render = (header: CaseHeader = kHeader) => renderPage(<CandidateLinks header={header} />, '/ho-so/41', '/ho-so/:id');

describe('CandidateLinks', () => {
  it('lists the links with their state, last day, views and last view', async () => {
    mockApi({ 'GET /cases/41/candidate-links': { body: { items: [kActive, kRevoked, kExpired] } } });
    render();
    await screen.findByText('Đường dẫn theo dõi cho người được phát triển');
    const lines = await waitFor(() => {
      const found = [...document.querySelectorAll('li.candidate-link')];
      expect(found).toHaveLength(3);
      return found;
    });
    expect(lines[0].textContent).toContain('Còn hiệu lực');
    expect(lines[0].textContent).toContain('Hết hạn ngày 08/02/2024');
    expect(lines[0].textContent).toContain('Cấp lúc 09:00 10/11/2023 bởi taylocdu');
    expect(lines[0].textContent).toContain('Số lần xem: 3 · xem lần cuối lúc 20:30 14/11/2023');
    expect(lines[1].textContent).toContain('Đã thu hồi');
    expect(lines[1].textContent).toContain('thu hồi lúc 08:00 01/11/2023 bởi bithu.tayloc');
    expect(lines[1].textContent).toContain('Chưa được mở lần nào');
    expect(lines[2].textContent).toContain('Hết hạn');
    expect(lines[2].textContent).toContain('Hết hạn ngày 31/10/2023');
    // Only a link still open can be revoked.
    expect(within(lines[0] as HTMLElement).getByRole('button', { name: 'Thu hồi' })).toBeTruthy();
    expect(within(lines[1] as HTMLElement).queryByRole('button', { name: 'Thu hồi' })).toBeNull();
    expect(within(lines[2] as HTMLElement).queryByRole('button', { name: 'Thu hồi' })).toBeNull();
    expect(await screen.findByRole('button', { name: 'Cấp đường dẫn mới' })).toBeTruthy();
  });

  it('issues a link for 90 days from the server\'s today and shows its address once, with a QR code', async () => {
    let items: CandidateLink[] = [];
    const calls = mockApi({
      'GET /cases/41/candidate-links': () => ({ body: { items } }),
      'POST /cases/41/candidate-links': (call) => {
        const issued = link({ id: 6, expires_on: (call.body as { expires_on: string }).expires_on, views: 0, last_viewed_at: null });
        items = [issued];
        return { status: 201, body: { link: issued, token: kToken, path: `/hanh-trinh/${kToken}` } };
      },
    });
    render();
    await screen.findByText('Chưa cấp đường dẫn nào.');
    fireEvent.click(await screen.findByRole('button', { name: 'Cấp đường dẫn mới' }));
    const date = await screen.findByLabelText('Có hiệu lực đến hết ngày');
    expect((date as HTMLInputElement).value).toBe('13/02/2024');
    fireEvent.click(screen.getByRole('button', { name: 'Cấp đường dẫn' }));
    await waitFor(() => expect(callsTo(calls, 'POST', '/cases/41/candidate-links')).toHaveLength(1));
    expect(callsTo(calls, 'POST', '/cases/41/candidate-links')[0].body).toEqual({ expires_on: '2024-02-13' });

    const url = await screen.findByLabelText('Đường dẫn theo dõi');
    expect((url as HTMLInputElement).value).toBe(`${window.location.origin}/hanh-trinh/${kToken}`);
    expect(screen.getByText('Đường dẫn chỉ hiện một lần')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sao chép' })).toBeTruthy();
    const qr = await screen.findByAltText('Mã QR của đường dẫn theo dõi');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
    expect(decodeURIComponent(qr.getAttribute('src')!)).toContain('<svg');
    // The list shows the new link; its address goes with the dialog.
    await waitFor(() => expect(document.querySelector('li.candidate-link[data-link="6"]')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Đóng' }));
    await waitFor(() => expect(screen.queryByLabelText('Đường dẫn theo dõi')).toBeNull());
    expect(document.body.textContent).not.toContain(kToken);
  });

  it('shows a refused last day on its field', async () => {
    mockApi({
      'GET /cases/41/candidate-links': { body: { items: [] } },
      'POST /cases/41/candidate-links': {
        status: 400, body: { error: { code: 'invalid', field: 'expires_on', message: 'Đường dẫn có hiệu lực tối đa 366 ngày' } },
      },
    });
    render();
    fireEvent.click(await screen.findByRole('button', { name: 'Cấp đường dẫn mới' }));
    await screen.findByLabelText('Có hiệu lực đến hết ngày');
    fireEvent.click(screen.getByRole('button', { name: 'Cấp đường dẫn' }));
    await screen.findByText('Đường dẫn có hiệu lực tối đa 366 ngày');
    expect(screen.queryByLabelText('Đường dẫn theo dõi')).toBeNull();
  });

  it('revokes a link after confirmation', async () => {
    let items = [kActive];
    const calls = mockApi({
      'GET /cases/41/candidate-links': () => ({ body: { items } }),
      'POST /cases/41/candidate-links/5/revoke': () => {
        items = [{ ...kActive, state: 'revoked', revoked_at: '2023-11-15T03:00:00Z', revoked_by: 'taylocdu' }];
        return { body: { link: items[0] } };
      },
    });
    render();
    const line = await waitFor(() => {
      const found = document.querySelector('li.candidate-link[data-link="5"]');
      expect(found).toBeTruthy();
      return found as HTMLElement;
    });
    fireEvent.click(within(line).getByRole('button', { name: 'Thu hồi' }));
    await screen.findByText('Thu hồi đường dẫn này?');
    expect(callsTo(calls, 'POST', '/cases/41/candidate-links/5/revoke')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Đồng ý thu hồi' }));
    await waitFor(() => expect(callsTo(calls, 'POST', '/cases/41/candidate-links/5/revoke')).toHaveLength(1));
    await waitFor(() => expect(document.querySelector('li.candidate-link[data-link="5"]')?.getAttribute('data-state')).toBe('revoked'));
    expect(document.querySelector('li.candidate-link[data-link="5"]')!.textContent).toContain('Đã thu hồi');
  });

  it('lets a role without write_people read the links but neither issue nor revoke', async () => {
    mockApi({ 'GET /cases/41/candidate-links': { body: { items: [kActive] } } }, kUsers.board);
    render();
    await waitFor(() => expect(document.querySelector('li.candidate-link')).toBeTruthy());
    expect(screen.queryByRole('button', { name: 'Cấp đường dẫn mới' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Thu hồi' })).toBeNull();
  });

  it('shows nothing to a reader when no link was issued, and offers none on a stopped case', async () => {
    mockApi({ 'GET /cases/41/candidate-links': { body: { items: [] } } }, kUsers.board);
    const view = renderPage(<><CandidateLinks header={kHeader} /><p>Trang hồ sơ</p></>, '/ho-so/41', '/ho-so/:id');
    await screen.findByText('Trang hồ sơ');
    await new Promise((r) => setTimeout(r, 100));
    expect(document.querySelector('.candidate-links-card')).toBeNull();
    view.unmount();

    mockApi({ 'GET /cases/41/candidate-links': { body: { items: [kRevoked] } } });
    render({ ...kHeader, stage: 'withdrawn', closed_on: '2023-10-01' });
    await waitFor(() => expect(document.querySelector('li.candidate-link')).toBeTruthy());
    expect(screen.queryByRole('button', { name: 'Cấp đường dẫn mới' })).toBeNull();
  });

  it('goes without the card on a server that has no personal links', async () => {
    mockApi({});
    renderPage(<><CandidateLinks header={kHeader} /><p>Trang hồ sơ</p></>, '/ho-so/41', '/ho-so/:id');
    await screen.findByText('Trang hồ sơ');
    await new Promise((r) => setTimeout(r, 100));
    expect(document.querySelector('.candidate-links-card')).toBeNull();
  });

  it('counts the default last day from the given today', () => {
    expect(defaultExpiry('2023-11-15')).toBe('2024-02-13');
    expect(defaultExpiry('2024-12-01')).toBe('2025-03-01');
  });
});

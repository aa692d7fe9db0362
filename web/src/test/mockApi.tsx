// Test helpers for the pages: a fake /api/v1 (fetch substituted through api/client setFetch),
// the providers every page needs, and a probe of the router's location.
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { setFetch } from '../api/client';
import { AuthProvider } from '../auth/AuthContext';
import { ReferenceProvider } from '../lib/reference';
import type { User } from '../api/types';

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

export type Answer = { status?: number; body?: unknown };
// "GET /classes/7" → answer, or a function of the call.
export type Routes = Record<string, Answer | ((call: Call) => Answer)>;

const kAccountTimes = {
  created_at: '2024-01-02T08:00:00Z', password_changed_at: '2024-01-02T08:00:00Z',
  failed_attempts: 0, locked_until: null, mass_organisation_id: null,
};

export const kUsers: Record<string, User> = {
  centre: { id: 5, login: 'ttct', full_name: 'Trung tâm Chính trị', role: 'political_centre', org_id: 1, disabled: false, ...kAccountTimes },
  ward: { id: 3, login: 'taylocdu', full_name: 'Chuyên viên Tây Lộc', role: 'grassroots_staff', org_id: 2, disabled: false, ...kAccountTimes },
  board: { id: 2, login: 'bantochuc', full_name: 'Ban Tổ chức', role: 'organisation_board', org_id: 1, disabled: false, ...kAccountTimes },
  massOrg: { id: 8, login: 'doanthanhnien.tayloc', full_name: 'Đoàn Thanh niên phường Tây Lộc', role: 'mass_organisation', org_id: 2, disabled: false, ...kAccountTimes, mass_organisation_id: 4 },
};

export const kOrganisations = {
  on: '2023-11-15',
  items: [
    { id: 1, parent_id: null, kind: 'city', code: 'HUE', name: 'Thành ủy Huế', valid_from: '2000-01-01', valid_to: null, kind_label: '', official_members: 100, probationary_members: 5 },
    { id: 2, parent_id: 1, kind: 'ward', code: 'HUE-TAYLOC', name: 'Đảng ủy phường Tây Lộc', valid_from: '2000-01-01', valid_to: null, kind_label: '', official_members: 50, probationary_members: 2 },
    { id: 3, parent_id: 1, kind: 'ward', code: 'HUE-VYDA', name: 'Đảng ủy phường Vỹ Dạ', valid_from: '2000-01-01', valid_to: null, kind_label: '', official_members: 50, probationary_members: 3 },
  ],
};

const kReference = {
  stages: [{ code: 'source', label: 'Quần chúng ưu tú (nguồn)' }, { code: 'sympathiser', label: 'Cảm tình Đảng' }],
  actions: [],
  categories: [{ code: 'teacher', label: 'Giáo viên' }, { code: 'student', label: 'Học sinh, sinh viên' }],
  relations: [],
  roles: [],
  rules: [
    { code: 'R5', label: 'Điều kiện của người giới thiệu', legal_basis: 'Điều lệ Đảng, Điều 4; Quy định 24-QĐ/TW' },
    { code: 'S9', label: 'Chi bộ xét, đề nghị kết nạp (6-KNĐ)', legal_basis: 'Điều lệ Đảng, Điều 4; Quy định 24-QĐ/TW' },
  ],
};

// Installs the fake API; returns the calls it received (in order).
export function mockApi(routes: Routes, user: User = kUsers.ward): Call[] {
  const calls: Call[] = [];
  const all: Routes = {
    'GET /auth/me': { body: { user, csrf_token: 't' } },
    'GET /reference': { body: kReference },
    'GET /organisations': { body: kOrganisations },
    ...routes,
  };
  setFetch(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    const call: Call = {
      method, path, query: url.searchParams,
      // A file sent as it is (api.upload) stays a Blob; JSON is parsed.
      body: init?.body instanceof Blob ? init.body : init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    };
    calls.push(call);
    const route = all[`${method} ${path}`];
    const answer = typeof route === 'function' ? route(call) : route ?? { status: 404, body: { error: { code: 'not_found', message: 'Không tìm thấy địa chỉ này' } } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status ?? 200, headers: { 'Content-Type': 'application/json' },
    });
  });
  return calls;
}

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

// Renders `page` at `url` under `path` with the providers of the app.
export function renderPage(page: ReactNode, url: string, path: string) {
  return render(
    <AuthProvider>
      <ReferenceProvider>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path={path} element={page} />
            <Route path="*" element={<p>Trang khác</p>} />
          </Routes>
          <LocationProbe />
        </MemoryRouter>
      </ReferenceProvider>
    </AuthProvider>,
  );
}

export const callsTo = (calls: Call[], method: string, path: string) => calls.filter((c) => c.method === method && c.path === path);

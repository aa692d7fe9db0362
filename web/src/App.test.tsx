import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { App } from './App';
import { kYouthUnion, stats } from './test/massOrgFixtures';
import { kUsers, mockApi } from './test/mockApi';

const kRoutes = {
  'GET /my-organisation': { body: { mass_organisation: stats(kYouthUnion) } },
  'GET /my-organisation/nominations': { body: { items: [] } },
};

describe('App for a mass organisation', () => {
  it('starts at the organisation\'s own page', async () => {
    window.history.pushState({}, '', '/');
    mockApi(kRoutes, kUsers.massOrg);
    render(<App />);
    await screen.findByRole('heading', { name: 'Tổ chức của tôi', level: 1 });
    expect(window.location.pathname).toBe('/to-chuc-doan-the');
  });

  it('opens no case page, and asks the server for no case', async () => {
    window.history.pushState({}, '', '/ho-so');
    const calls = mockApi(kRoutes, kUsers.massOrg);
    render(<App />);
    await screen.findByTestId('not-allowed');
    expect(screen.getByRole('link', { name: 'Về trang đầu' }).getAttribute('href')).toBe('/to-chuc-doan-the');
    await waitFor(() => expect(calls.some((c) => c.path === '/reference')).toBe(true));
    expect(calls.filter((c) => /^\/(cases|deadlines|people|organisations)/.test(c.path))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { mockApi, renderPage } from '../test/mockApi';
import CaseListPage, { caseExportUrl } from './CaseListPage';

describe('caseExportUrl', () => {
  it('carries every filter and the sort, not the page', () => {
    expect(caseExportUrl({ org: 'HUE-TAYLOC', stage: 'dossier', category: 'teacher', due: 'overdue', q: 'đức', sort: 'person_name', page: 3 }))
      .toBe('/api/v1/cases/export.xlsx?org=HUE-TAYLOC&stage=dossier&category=teacher&due=overdue&q=%C4%91%E1%BB%A9c&sort=person_name');
  });
});

describe('CaseListPage', () => {
  it('offers the XLSX of exactly the filters on screen', async () => {
    mockApi({ 'GET /cases': { body: { items: [], total: 0, page: 2, page_size: 20, counts_by_stage: {}, on: '2023-11-15' } } });
    renderPage(<CaseListPage />, '/ho-so?stage=sympathiser&due=blocked&q=hoa&page=2', '/ho-so');
    const link = (await screen.findByText('Xuất Excel')).closest('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/api/v1/cases/export.xlsx?stage=sympathiser&due=blocked&q=hoa&sort=next_deadline');
  });
});

import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { kUsers, mockApi, renderPage } from '../test/mockApi';
import { AppLayout } from './AppLayout';

const menu = () => [...document.querySelectorAll('#app-nav a')].map((a) => a.getAttribute('href'));

describe('AppLayout menu', () => {
  it('shows a mass organisation only its own pages', async () => {
    mockApi({}, kUsers.massOrg);
    renderPage(<AppLayout><h1>Tổ chức của tôi</h1></AppLayout>, '/to-chuc-doan-the', '/to-chuc-doan-the');
    await screen.findByText('Đoàn Thanh niên phường Tây Lộc');
    expect(menu()).toEqual(['/to-chuc-doan-the', '/cho-y-kien']);
    expect(screen.getByLabelText('PTĐV — về trang Tổ chức của tôi').getAttribute('href')).toBe('/to-chuc-doan-the');
  });

  it('shows the ward its pages, with the organisations’ nominations beside the sources', async () => {
    mockApi({}, kUsers.ward);
    renderPage(<AppLayout><h1>Việc cần làm</h1></AppLayout>, '/', '/');
    await screen.findByText('Chuyên viên Tây Lộc');
    const pages = menu();
    expect(pages).toContain('/ho-so');
    expect(pages).not.toContain('/to-chuc-doan-the');
    expect(pages.indexOf('/doan-the-gioi-thieu')).toBe(pages.indexOf('/nguon') + 1);
  });
});

import { useEffect, useState, type ReactNode } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { Button, Switch } from 'antd';
import { can, useAuth, type Permission } from '../auth/AuthContext';
import { useReference } from '../lib/reference';
import { useLargeTextSwitch } from '../lib/textSize';
import { homePath, kMyOrgPath, kNominationsPath, kOpinionRequestsPath } from '../lib/massOrgPaths';
import '../styles/app-help.css';

interface MenuPage { to: string; label: string; need?: Permission }

// The procedure's daily work. A mass organisation's account (permission nominate, and no other)
// sees only its own two pages.
const kPages: MenuPage[] = [
  { to: '/', label: 'Việc cần làm', need: 'read_cases' },
  { to: '/ho-so', label: 'Hồ sơ kết nạp', need: 'read_cases' },
  { to: '/nguoi', label: 'Quần chúng', need: 'read_cases' },
  { to: '/to-chuc', label: 'Tổ chức đảng', need: 'read_cases' },
  { to: '/lich', label: 'Lịch làm việc', need: 'read_cases' },
  { to: kMyOrgPath, label: 'Tổ chức của tôi', need: 'nominate' },
  { to: kOpinionRequestsPath, label: 'Cho ý kiến', need: 'nominate' },
  // Lists kept in Excel, loaded once (ward staff, cell secretaries).
  { to: '/nhap-excel', label: 'Nhập từ Excel', need: 'write_people' },
  { to: '/tai-khoan', label: 'Tài khoản', need: 'manage_users' },
];

// Planning and oversight: a second line, so that both fit at 1366 px.
const kPlanPages: MenuPage[] = [
  { to: '/tong-quan', label: 'Tổng quan', need: 'read_aggregates' },
  { to: '/nguon', label: 'Nguồn phát triển đảng viên', need: 'read_cases' },
  { to: kNominationsPath, label: 'Đoàn thể giới thiệu', need: 'read_cases' },
  { to: '/lop-boi-duong', label: 'Lớp bồi dưỡng', need: 'read_cases' },
  { to: '/chi-tieu', label: 'Chỉ tiêu', need: 'read_aggregates' },
  { to: '/bao-cao', label: 'Báo cáo', need: 'read_aggregates' },
];

// Whether the menu folds behind "Danh mục" (the 1100 px of styles.css and styles/app-help.css).
const kMenuFoldsQuery = '(max-width: 1100px)';

function useMenuFolds(): boolean {
  const [folds, setFolds] = useState(() => typeof window !== 'undefined' && !!window.matchMedia?.(kMenuFoldsQuery).matches);
  useEffect(() => {
    const list = window.matchMedia?.(kMenuFoldsQuery);
    if (!list) return;
    const update = () => setFolds(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, []);
  return folds;
}

// Every role's help (lib/help.ts): beside "Đổi mật khẩu" on wide screens, in the folded menu on
// narrow ones.
export const kHelpPage: MenuPage = { to: '/huong-dan', label: 'Hướng dẫn sử dụng' };

// Every page of the menus, for the help page's test (lib/help.test.ts).
export const kMenuPages: readonly MenuPage[] = [...kPages, ...kPlanPages, kHelpPage, { to: '/doi-mat-khau', label: 'Đổi mật khẩu' }];

// The frame of every page: plain links (keyboard and screen-reader friendly, and light enough
// to keep the first page fast), the larger-text switch, the user, "Hướng dẫn", "Đổi mật khẩu"
// (every role) and "Đăng xuất". On narrow
// screens the links fold behind a "Danh mục" button.
export function AppLayout({ children }: { children: ReactNode }) {
  const { user, logout } = useAuth();
  const { roleLabel } = useReference();
  const [large, setLarge] = useLargeTextSwitch();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuFolds = useMenuFolds();
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => setMenuOpen(false), [location.pathname]);
  // While a session has expired (the login dialog is up) the menu stays that of the last user.
  const [lastUser, setLastUser] = useState(user);
  useEffect(() => { if (user) setLastUser(user); }, [user]);
  const shown = user ?? lastUser;
  const allowed = (p: MenuPage) => !p.need || can(shown, p.need);
  const pages = kPages.filter(allowed);
  const planPages = kPlanPages.filter(allowed);
  const home = homePath(shown);
  return (
    <div className="app">
      <a className="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
      <header className="app-header">
        <NavLink to={home} className="app-brand" aria-label={`PTĐV — về trang ${home === '/' ? 'Việc cần làm' : 'Tổ chức của tôi'}`}>
          <span className="app-star" aria-hidden="true">★</span> PTĐV
        </NavLink>
        <button
          type="button"
          className="app-menu-button"
          aria-expanded={menuOpen}
          aria-controls="app-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          ☰ Danh mục
        </button>
        <nav id="app-nav" className={`app-nav${menuOpen ? ' open' : ''}`} aria-label="Trang chính">
          <ul>
            {pages.map((p) => (
              <li key={p.to}>
                <NavLink to={p.to} end={p.to === '/'}>{p.label}</NavLink>
              </li>
            ))}
            {menuFolds && <li className="app-nav-help"><NavLink to={kHelpPage.to}>{kHelpPage.label}</NavLink></li>}
          </ul>
          {planPages.length > 0 && (
            <ul className="app-nav-plan" aria-label="Kế hoạch, thống kê">
              {planPages.map((p) => (
                <li key={p.to}>
                  <NavLink to={p.to}>{p.label}</NavLink>
                </li>
              ))}
            </ul>
          )}
        </nav>
        <div className="app-user">
          <label className="large-text-switch">
            <Switch checked={large} onChange={setLarge} aria-label="Chữ to" /> <span>Chữ to</span>
          </label>
          {user && (
            <span className="app-user-name" title={roleLabel(user.role)}>
              {user.full_name}
              <span className="app-user-role"> · {roleLabel(user.role)}</span>
            </span>
          )}
          <NavLink to={kHelpPage.to} className="app-help-link" title={kHelpPage.label} aria-label={kHelpPage.label}>
            <span className="app-help-icon" aria-hidden="true">?</span><span className="app-help-text">Hướng dẫn</span>
          </NavLink>
          <NavLink to="/doi-mat-khau" className="change-password-link">Đổi mật khẩu</NavLink>
          <Button
            className="logout-button"
            onClick={async () => {
              await logout();
              navigate('/dang-nhap');
            }}
          >
            Đăng xuất
          </Button>
        </div>
      </header>
      <main id="noi-dung" className="app-content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

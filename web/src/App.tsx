import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { ReferenceProvider } from './lib/reference';
import { LargeTextContext, useLargeText } from './lib/textSize';
import { AppLayout } from './components/AppLayout';
import { TodoPage } from './pages/TodoPage';

dayjs.locale('vi');

// Every page but the first two is its own chunk, so the initial JavaScript stays small.
const LoginPage = lazy(() => import('./pages/LoginPage'));
const SessionExpiredModal = lazy(() => import('./components/SessionExpiredModal'));
const CaseListPage = lazy(() => import('./pages/CaseListPage'));
const CasePage = lazy(() => import('./pages/CasePage'));
const PeoplePage = lazy(() => import('./pages/PeoplePage'));
const PersonPage = lazy(() => import('./pages/PersonPage'));
const OrgTreePage = lazy(() => import('./pages/OrgTreePage'));
const CalendarPage = lazy(() => import('./pages/CalendarPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const SourcesPage = lazy(() => import('./pages/SourcesPage'));
const ClassesPage = lazy(() => import('./pages/ClassesPage'));
const ClassPage = lazy(() => import('./pages/ClassPage'));
const TargetsPage = lazy(() => import('./pages/TargetsPage'));
const ReportsPage = lazy(() => import('./pages/ReportsPage'));
const ImportPage = lazy(() => import('./pages/ImportPage'));
const CertificateCheckPage = lazy(() => import('./pages/CertificateCheckPage'));
const OrgUnitPage = lazy(() => import('./pages/OrgUnitPage'));
const HelpPage = lazy(() => import('./pages/HelpPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

function Loading() {
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" /> <span>Đang tải…</span>
    </div>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, checking, expired } = useAuth();
  const location = useLocation();
  if (checking) return <Loading />;
  if (!user && !expired) {
    return <Navigate to="/dang-nhap" replace state={{ from: location.pathname + location.search }} />;
  }
  // An expired session keeps the page (and what was typed) mounted under the login dialog.
  return (
    <>
      {children}
      {expired && !user && <Suspense fallback={null}><SessionExpiredModal /></Suspense>}
    </>
  );
}

function Shell() {
  return (
    <RequireAuth>
      <ReferenceProvider>
        <AppLayout>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<TodoPage />} />
              <Route path="/ho-so" element={<CaseListPage />} />
              <Route path="/ho-so/:id" element={<CasePage />} />
              <Route path="/nguoi" element={<PeoplePage />} />
              <Route path="/nguoi/moi" element={<PersonPage />} />
              <Route path="/nguoi/:id" element={<PersonPage />} />
              <Route path="/to-chuc" element={<OrgTreePage />} />
              <Route path="/don-vi/:code" element={<OrgUnitPage />} />
              <Route path="/lich" element={<CalendarPage />} />
              <Route path="/tai-khoan" element={<UsersPage />} />
              <Route path="/doi-mat-khau" element={<ChangePasswordPage />} />
              <Route path="/tong-quan" element={<DashboardPage />} />
              <Route path="/nguon" element={<SourcesPage />} />
              <Route path="/lop-boi-duong" element={<ClassesPage />} />
              <Route path="/lop-boi-duong/:id" element={<ClassPage />} />
              <Route path="/chi-tieu" element={<TargetsPage />} />
              <Route path="/bao-cao" element={<ReportsPage />} />
              <Route path="/nhap-excel" element={<ImportPage />} />
              <Route path="/huong-dan" element={<HelpPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </AppLayout>
      </ReferenceProvider>
    </RequireAuth>
  );
}

export function App() {
  const largeText = useLargeText();
  const [large] = largeText;
  return (
    <LargeTextContext.Provider value={largeText}>
    <ConfigProvider
      locale={viVN}
      theme={{
        token: {
          colorPrimary: '#b3151b',
          fontSize: large ? 19 : 16,
          controlHeight: large ? 48 : 40,
          borderRadius: 6,
          fontFamily: '"Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif',
        },
      }}
    >
              <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/dang-nhap" element={<Suspense fallback={<Loading />}><LoginPage /></Suspense>} />
              {/* Public: whoever holds a certificate checks its code, without an account. */}
              <Route path="/kiem-tra-chung-nhan/:code?" element={<Suspense fallback={<Loading />}><CertificateCheckPage /></Suspense>} />
              <Route path="/*" element={<Shell />} />
            </Routes>
          </BrowserRouter>
        </AuthProvider>
          </ConfigProvider>
    </LargeTextContext.Provider>
  );
}

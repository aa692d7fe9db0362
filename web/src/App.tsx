import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { AuthProvider, can, useAuth, type Permission } from './auth/AuthContext';
import { ReferenceProvider } from './lib/reference';
import { LargeTextContext, useLargeText } from './lib/textSize';
import { AppLayout } from './components/AppLayout';
import { TodoPage } from './pages/TodoPage';
import { homePath, kMyOrgPath, kNominationsPath, kOpinionRequestsPath } from './lib/massOrgPaths';

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
const CandidatePathPage = lazy(() => import('./pages/CandidatePathPage'));
const OrgUnitPage = lazy(() => import('./pages/OrgUnitPage'));
const HelpPage = lazy(() => import('./pages/HelpPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const NotAllowedPage = lazy(() => import('./pages/NotAllowedPage'));
const MyOrganisationPage = lazy(() => import('./pages/MyOrganisationPage'));
const OpinionRequestsPage = lazy(() => import('./pages/OpinionRequestsPage'));
const NominationsPage = lazy(() => import('./pages/NominationsPage'));

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

// A page only for the roles holding `need`: the others (a mass organisation's account reads no
// case) are told so, and the page asks the server nothing. While a session has expired (no
// user) the page stays, so that what was typed survives the new login.
function Only({ need, children }: { need: Permission; children: ReactNode }) {
  const { user } = useAuth();
  if (user && !can(user, need)) return <NotAllowedPage />;
  return <>{children}</>;
}

// The first page: «Việc cần làm», or the organisation's own page for a mass organisation.
function Home() {
  const { user } = useAuth();
  const home = homePath(user);
  return home === '/' ? <TodoPage /> : <Navigate to={home} replace />;
}

const cases = (page: ReactNode) => <Only need="read_cases">{page}</Only>;
const aggregates = (page: ReactNode) => <Only need="read_aggregates">{page}</Only>;
const nominates = (page: ReactNode) => <Only need="nominate">{page}</Only>;

function Shell() {
  return (
    <RequireAuth>
      <ReferenceProvider>
        <AppLayout>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<Home />} />
              <Route path="/ho-so" element={cases(<CaseListPage />)} />
              <Route path="/ho-so/:id" element={cases(<CasePage />)} />
              <Route path="/nguoi" element={cases(<PeoplePage />)} />
              <Route path="/nguoi/moi" element={cases(<PersonPage />)} />
              <Route path="/nguoi/:id" element={cases(<PersonPage />)} />
              <Route path="/to-chuc" element={cases(<OrgTreePage />)} />
              <Route path="/don-vi/:code" element={cases(<OrgUnitPage />)} />
              <Route path="/lich" element={cases(<CalendarPage />)} />
              <Route path="/tai-khoan" element={cases(<UsersPage />)} />
              <Route path="/doi-mat-khau" element={<ChangePasswordPage />} />
              <Route path="/tong-quan" element={aggregates(<DashboardPage />)} />
              <Route path="/nguon" element={cases(<SourcesPage />)} />
              <Route path={kNominationsPath} element={cases(<NominationsPage />)} />
              <Route path="/lop-boi-duong" element={cases(<ClassesPage />)} />
              <Route path="/lop-boi-duong/:id" element={cases(<ClassPage />)} />
              <Route path="/chi-tieu" element={aggregates(<TargetsPage />)} />
              <Route path="/bao-cao" element={aggregates(<ReportsPage />)} />
              <Route path="/nhap-excel" element={cases(<ImportPage />)} />
              <Route path={kMyOrgPath} element={nominates(<MyOrganisationPage />)} />
              <Route path={kOpinionRequestsPath} element={nominates(<OpinionRequestsPage />)} />
              <Route path="/huong-dan" element={<HelpPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </AppLayout>
      </ReferenceProvider>
    </RequireAuth>
  );
}

// Everything under the session check (GET /auth/me): the login page, the certificate check and
// the application.
function Session() {
  return (
    <AuthProvider>
      <Routes>
        <Route path="/dang-nhap" element={<Suspense fallback={<Loading />}><LoginPage /></Suspense>} />
        {/* Public: whoever holds a certificate checks its code, without an account. */}
        <Route path="/kiem-tra-chung-nhan/:code?" element={<Suspense fallback={<Loading />}><CertificateCheckPage /></Suspense>} />
        <Route path="/*" element={<Shell />} />
      </Routes>
    </AuthProvider>
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
      <BrowserRouter>
        <Routes>
          {/* Public, and outside the session altogether (no /auth/me, no login page): the
              person being developed follows their own path through a personal link. */}
          <Route path="/hanh-trinh/:token" element={<Suspense fallback={<Loading />}><CandidatePathPage /></Suspense>} />
          <Route path="/*" element={<Session />} />
        </Routes>
      </BrowserRouter>
    </ConfigProvider>
    </LargeTextContext.Provider>
  );
}

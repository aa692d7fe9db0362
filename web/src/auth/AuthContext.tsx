import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, setUnauthorisedHandler } from '../api/client';
import type { Session, User } from '../api/types';

interface AuthState {
  user: User | null;
  checking: boolean;
  // Set when a request answered 401: the session expired while the user was working.
  expired: boolean;
  login: (login: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(true);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    setUnauthorisedHandler(() => {
      setCsrfToken('');
      setExpired(true);
      setUser(null);
    });
    api.get<Session>('/auth/me', { quietUnauthorised: true }).then(
      (s) => {
        setCsrfToken(s.csrf_token);
        setUser(s.user);
        setChecking(false);
      },
      () => setChecking(false),
    );
    return () => setUnauthorisedHandler(null);
  }, []);

  const login = useCallback(async (loginName: string, password: string) => {
    const s = await api.post<Session>('/auth/login', { login: loginName, password }, { quietUnauthorised: true });
    setCsrfToken(s.csrf_token);
    setUser(s.user);
    setExpired(false);
    return s.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout', undefined, { quietUnauthorised: true });
    } finally {
      setCsrfToken('');
      setUser(null);
      setExpired(false);
    }
  }, []);

  const value = useMemo(() => ({ user, checking, expired, login, logout }), [user, checking, expired, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

// What a role may do in the UI (mirrors the matrix of src/domain/role.cc PermissionsOf; the
// server decides). Change both together.
export type Permission = 'read_cases' | 'write_people' | 'record' | 'manage_users' | 'manage_calendar' |
  'read_audit' | 'read_aggregates' | 'manage_targets' | 'record_certificate' | 'manage_organisations' |
  'nominate';

export function can(user: User | null, what: Permission): boolean {
  if (!user) return false;
  const r = user.role;
  switch (what) {
    // A mass organisation's account holds `nominate` and nothing else: no case, no statistics.
    case 'read_cases': return r !== 'mass_organisation';
    case 'write_people': return r === 'grassroots_staff' || r === 'cell_secretary';
    case 'record': return r !== 'leader' && r !== 'mass_organisation';
    case 'manage_users': return r === 'city_admin' || r === 'grassroots_staff';
    case 'manage_calendar': return r === 'city_admin';
    case 'read_audit': return r === 'city_admin' || r === 'organisation_board' || r === 'grassroots_staff';
    // Every role but the mass organisations reads the aggregates (dashboards, targets, reports).
    case 'read_aggregates': return r !== 'mass_organisation';
    case 'manage_targets': return r === 'city_admin' || r === 'organisation_board';
    case 'record_certificate': return r === 'grassroots_staff' || r === 'political_centre';
    // Adding, changing and dissolving units (POST/PATCH /organisations, …/dissolve).
    case 'manage_organisations': return r === 'city_admin' || r === 'organisation_board';
    // A mass organisation nominates sources (S0) and gives its opinions (S6, S7).
    case 'nominate': return r === 'mass_organisation';
  }
}

// Who records which case action (mirrors src/domain/role.cc RecorderOf and MayRecord; the
// server decides, this only keeps the UI from offering a step the role would be refused).
const kCellSteps = ['mark_sympathiser', 'assign_helper', 'open_dossier', 'request_verification',
  'record_verification_reply', 'add_introducer', 'record_union_resolution', 'record_opinions',
  'cell_vote', 'ceremony', 'recognition_cell_vote', 'withdraw'];
const kGrassrootsSteps = ['stamp_biography', 'conclude_verification', 'intermediate_appraisal',
  'grassroots_vote', 'recognition_intermediate', 'recognition_grassroots_vote'];
const kCertificates = ['record_certificate', 'record_new_member_certificate'];

export function mayRecord(user: User | null, action: string): boolean {
  if (!user) return false;
  const r = user.role;
  if (kCellSteps.includes(action)) return r === 'grassroots_staff' || r === 'cell_secretary';
  if (kGrassrootsSteps.includes(action)) return r === 'grassroots_staff';
  if (kCertificates.includes(action)) return r === 'grassroots_staff' || r === 'political_centre';
  if (action === 'record_consent') return r === 'grassroots_staff' || r === 'organisation_board' || r === 'city_admin';
  // The deciding body's acts: the board and the administrator, and grassroots staff whose
  // committee is authorised to admit (the server checks that).
  return r === 'city_admin' || r === 'organisation_board' || r === 'grassroots_staff';
}

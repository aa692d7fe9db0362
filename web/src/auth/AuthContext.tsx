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

// What a role may do in the UI (mirrors src/domain/role.cc Allows; the server decides).
export function can(user: User | null, what: 'write_people' | 'record' | 'manage_users' | 'manage_calendar' | 'read_audit'): boolean {
  if (!user) return false;
  const r = user.role;
  switch (what) {
    case 'write_people': return r === 'grassroots_staff' || r === 'cell_secretary';
    case 'record': return r !== 'leader';
    case 'manage_users': return r === 'city_admin' || r === 'grassroots_staff';
    case 'manage_calendar': return r === 'city_admin';
    case 'read_audit': return r === 'city_admin' || r === 'organisation_board' || r === 'grassroots_staff';
  }
}

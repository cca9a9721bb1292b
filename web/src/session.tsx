import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler, type User } from './api.js';
import { setUserTimeZone } from './format.js';
import { navigate } from './router.js';

interface SessionInfo {
  data: { user: User; csrfToken: string };
}

interface SessionState {
  user: User | null;
  /** null while the first /auth/me is under way. */
  checked: boolean;
  error: ApiError | null;
  logIn(email: string, password: string): Promise<void>;
  logOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

function loginPath(): string {
  const here = window.location.pathname + window.location.search;
  return here.startsWith('/login') ? here : `/login?next=${encodeURIComponent(here)}`;
}

/** The staff session: who is signed in and the CSRF token sent with every write. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const accept = useCallback((info: SessionInfo) => {
    setCsrfToken(info.data.csrfToken);
    setUserTimeZone(info.data.user.timeZone);
    setUser(info.data.user);
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setUser(null);
      navigate(loginPath(), { replace: true });
    });
    let cancelled = false;
    api<SessionInfo>('GET', '/auth/me')
      .then((info) => {
        if (!cancelled) accept(info);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setUser(null);
        else if (e instanceof ApiError) setError(e);
      })
      .finally(() => {
        if (!cancelled) setChecked(true);
      });
    return () => {
      cancelled = true;
      setUnauthenticatedHandler(null);
    };
  }, [accept]);

  const logIn = useCallback(
    async (email: string, password: string) => {
      accept(await api<SessionInfo>('POST', '/auth/login', { body: { email, password } }));
      setError(null);
    },
    [accept],
  );

  const logOut = useCallback(async () => {
    try {
      await api<void>('POST', '/auth/logout');
    } finally {
      setCsrfToken(null);
      setUser(null);
      navigate('/login', { replace: true });
    }
  }, []);

  const value = useMemo(
    () => ({ user, checked, error, logIn, logOut }),
    [user, checked, error, logIn, logOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

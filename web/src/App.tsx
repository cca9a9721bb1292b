import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { ErrorMessage } from './components/ErrorMessage.js';
import { LanguageSwitch } from './components/LanguageSwitch.js';
import { InboxPage } from './pages/Inbox.js';
import { LogCallPage } from './pages/LogCall.js';
import { LoginPage } from './pages/Login.js';
import { PortalPage, TrackPage } from './pages/Portal.js';
import { RatePage } from './pages/Rate.js';
import { SubtasksPage } from './pages/Subtasks.js';
import { TicketPage } from './pages/Ticket.js';
import { Link, navigate, useLocation } from './router.js';
import { SessionProvider, useSession } from './session.js';
import { ShortcutHelp } from './shortcuts.js';

// The overview pulls in ECharts: its own chunk, loaded only when the page is opened.
const HomePage = lazy(() => import('./pages/Home.js'));
// Administration: its own chunk, loaded only by admins who open it.
const AdminPage = lazy(() => import('./pages/Admin.js'));

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted loading" aria-live="polite">
      {t('app.loading')}
    </p>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="panel">
      <p>{t('app.notFound')}</p>
      <Link to="/">{t('app.backHome')}</Link>
    </div>
  );
}

function ConsoleShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, checked, error, logOut } = useSession();
  const { pathname, href } = useLocation();

  useEffect(() => {
    if (checked && !user && !error) navigate(`/login?next=${encodeURIComponent(href)}`, { replace: true });
  }, [checked, user, error, href]);

  if (!checked) return <Loading />;
  if (error) return <ErrorMessage error={error} onRetry={() => window.location.reload()} />;
  if (!user) return <Loading />;
  return (
    <div className="console">
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label="main">
          <Link to="/" aria-current={pathname === '/' ? 'page' : undefined}>
            {t('nav.home')}
          </Link>
          <Link to="/inbox" aria-current={pathname.startsWith('/inbox') ? 'page' : undefined}>
            {t('nav.inbox')}
          </Link>
          <Link to="/calls/new" aria-current={pathname === '/calls/new' ? 'page' : undefined}>
            {t('nav.call')}
          </Link>
          <Link to="/subtasks" aria-current={pathname === '/subtasks' ? 'page' : undefined}>
            {t('nav.subtasks')}
          </Link>
          {user.role === 'admin' ? (
            <Link to="/admin" aria-current={pathname === '/admin' ? 'page' : undefined}>
              {t('nav.admin')}
            </Link>
          ) : null}
          <a href="/portal" target="_blank" rel="noreferrer">
            {t('nav.portal')}
          </a>
        </nav>
        <div className="spacer" />
        <LanguageSwitch />
        <span className="muted user" title={user.email}>
          {t('nav.signedInAs', { name: user.name })}
        </span>
        <button type="button" className="link" onClick={() => void logOut()}>
          {t('nav.logout')}
        </button>
      </header>
      <main>{children}</main>
      <ShortcutHelp onInbox={() => navigate('/inbox')} />
    </div>
  );
}

function StaffRoutes() {
  const { pathname } = useLocation();
  if (pathname === '/login') return <LoginPage />;
  let page: ReactNode;
  const ticket = /^\/tickets\/([^/]+)$/.exec(pathname);
  if (pathname === '/') {
    page = (
      <Suspense fallback={<Loading />}>
        <HomePage />
      </Suspense>
    );
  } else if (pathname === '/inbox') page = <InboxPage />;
  else if (pathname === '/calls/new') page = <LogCallPage />;
  else if (pathname === '/subtasks') page = <SubtasksPage />;
  else if (pathname === '/admin')
    page = (
      <Suspense fallback={<Loading />}>
        <AdminPage />
      </Suspense>
    );
  else if (ticket) page = <TicketPage id={decodeURIComponent(ticket[1] ?? '')} />;
  else page = <NotFound />;
  return <ConsoleShell>{page}</ConsoleShell>;
}

export function App() {
  const { pathname, search } = useLocation();
  const track = /^\/track\/([^/]+)$/.exec(pathname);
  const rate = /^\/rate\/([^/]+)$/.exec(pathname);
  // The customer pages are public: no session is looked for there.
  let content: ReactNode;
  if (pathname === '/portal') content = <PortalPage />;
  else if (track) content = <TrackPage number={decodeURIComponent(track[1] ?? '')} />;
  else if (rate)
    content = <RatePage number={decodeURIComponent(rate[1] ?? '')} token={search.get('t') ?? ''} />;
  else
    content = (
      <SessionProvider>
        <StaffRoutes />
      </SessionProvider>
    );
  return <ErrorBoundary resetKey={pathname}>{content}</ErrorBoundary>;
}

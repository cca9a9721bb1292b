import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';

function safeNext(next: string | null): string {
  // Only paths of this app: never an absolute URL to another site.
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/inbox';
}

export function LoginPage() {
  const { t } = useTranslation();
  const { logIn, user, checked } = useSession();
  const { search } = useLocation();
  const next = safeNext(search.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (checked && user) navigate(next, { replace: true });
  }, [checked, user, next]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await logIn(email, password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="centered">
      <form className="panel login" onSubmit={submit} aria-labelledby="login-title">
        <div className="row between">
          <h1 id="login-title">{t('login.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('app.tagline')}</p>
        <label>
          {t('login.email')}
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <a href="/portal">{t('login.portalLink')}</a>
      </form>
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NATURES, type Nature } from '../../../shared/enums.js';
import { ApiError, api } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';

interface Submitted {
  id: string;
  number: string;
  status: string;
  trackingUrl: string;
}

/** Field error ids, so each input is described by the message next to it. */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="field-error" id={id} role="alert">
      {message}
    </span>
  );
}

export function PortalPage() {
  const { t } = useTranslation();
  const [description, setDescription] = useState('');
  const [nature, setNature] = useState<Nature | ''>('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Submitted | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    const customer: Record<string, string> = {};
    if (name.trim()) customer.name = name.trim();
    if (email.trim()) customer.email = email.trim();
    if (phone.trim()) customer.phone = phone.trim();
    try {
      const res = await api<{ data: Submitted }>('POST', '/public/feedback', {
        body: {
          description,
          channel: 'portal',
          ...(nature ? { nature } : {}),
          ...(Object.keys(customer).length ? { customer } : {}),
          consent,
        },
      });
      setDone(res.data);
    } catch (err) {
      const issues = err instanceof ApiError ? err.fieldIssues() : {};
      setFields(issues);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function reset() {
    setDone(null);
    setDescription('');
    setConsent(false);
  }

  const contactError = fields.customer;
  const fieldCount = Object.keys(fields).length;
  const trackingPath = done ? new URL(done.trackingUrl, window.location.origin) : null;

  return (
    <div className="portal">
      <header className="topbar portal-bar">
        <span className="brand">{t('app.name')}</span>
        <div className="spacer" />
        <LanguageSwitch />
      </header>
      <main className="portal-main">
        {done ? (
          <section className="panel" data-testid="portal-done" aria-live="polite">
            <h1>{t('portal.thanks')}</h1>
            <p>{t('portal.yourNumber')}</p>
            <p className="ticket-number" data-testid="ticket-number">
              {done.number}
            </p>
            <p className="muted">{t('portal.keepNumber')}</p>
            <p>
              <a href={trackingPath ? trackingPath.pathname : done.trackingUrl} data-testid="tracking-link">
                {t('portal.trackingLink')}
              </a>
            </p>
            <button type="button" onClick={reset}>
              {t('portal.another')}
            </button>
          </section>
        ) : (
          <form className="panel" onSubmit={submit} noValidate aria-labelledby="portal-title">
            <h1 id="portal-title">{t('portal.title')}</h1>
            <p className="muted">{t('portal.intro')}</p>
            {fieldCount > 0 ? (
              <p className="alert error" role="alert">
                {t('portal.fixErrors')}
              </p>
            ) : (
              <ErrorMessage error={error} />
            )}
            <label>
              {t('portal.description')}
              <textarea
                name="description"
                rows={6}
                value={description}
                aria-invalid={Boolean(fields.description)}
                aria-describedby="description-hint description-error"
                onChange={(e) => setDescription(e.target.value)}
              />
              <span className="hint" id="description-hint">
                {t('portal.descriptionHint')}
              </span>
              <FieldError id="description-error" message={fields.description} />
            </label>
            <label>
              {t('portal.nature')}
              <select name="nature" value={nature} onChange={(e) => setNature(e.target.value as Nature | '')}>
                <option value="">{t('portal.natureAny')}</option>
                {NATURES.map((n) => (
                  <option key={n} value={n}>
                    {t(`nature.${n}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('portal.name')}
              <input name="name" value={name} autoComplete="name" onChange={(e) => setName(e.target.value)} />
              <FieldError id="name-error" message={fields['customer.name']} />
            </label>
            <fieldset aria-describedby="contact-hint contact-error">
              <legend>{t('portal.contactHint')}</legend>
              <label>
                {t('portal.email')}
                <input
                  name="email"
                  type="email"
                  autoComplete="email"
                  value={email}
                  aria-invalid={Boolean(fields['customer.email'] || contactError)}
                  aria-describedby="email-error"
                  onChange={(e) => setEmail(e.target.value)}
                />
                <FieldError id="email-error" message={fields['customer.email']} />
              </label>
              <label>
                {t('portal.phone')}
                <input
                  name="phone"
                  type="tel"
                  autoComplete="tel"
                  value={phone}
                  aria-invalid={Boolean(fields['customer.phone'] || contactError)}
                  aria-describedby="phone-error"
                  onChange={(e) => setPhone(e.target.value)}
                />
                <FieldError id="phone-error" message={fields['customer.phone']} />
              </label>
              <FieldError id="contact-error" message={contactError} />
            </fieldset>
            <label className="check">
              <input
                name="consent"
                type="checkbox"
                checked={consent}
                aria-invalid={Boolean(fields.consent)}
                aria-describedby="consent-error"
                onChange={(e) => setConsent(e.target.checked)}
              />
              <span>{t('portal.consent')}</span>
            </label>
            <FieldError id="consent-error" message={fields.consent} />
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('portal.submitting') : t('portal.submit')}
            </button>
          </form>
        )}
      </main>
    </div>
  );
}

export function TrackPage({ number }: { number: string }) {
  const { t } = useTranslation();
  return (
    <div className="portal">
      <header className="topbar portal-bar">
        <a className="brand" href="/portal">
          {t('app.name')}
        </a>
        <div className="spacer" />
        <LanguageSwitch />
      </header>
      <main className="portal-main">
        <section className="panel">
          <h1>{t('track.title', { number })}</h1>
          <p>{t('track.body')}</p>
        </section>
      </main>
    </div>
  );
}

import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerTicketView } from '../../../shared/contracts/tracking.js';
import { NATURES, type Nature } from '../../../shared/enums.js';
import { ApiError, api } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { formatDateTime } from '../format.js';
import { ClosureLetter, FieldError, RatingForm, type RatingOutcome } from './customer-rating.js';

interface Submitted {
  id: string;
  number: string;
  status: string;
  trackingUrl: string;
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

type TrackStep = 'request' | 'code' | 'view';

function storedToken(number: string): string | null {
  try {
    return sessionStorage.getItem(`closeloop.tracking.${number}`);
  } catch {
    return null;
  }
}

/** Customer tracking: ticket number + contact → one-time code by mail → the public view of the ticket. */
export function TrackPage({ number: initialNumber }: { number: string }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(initialNumber);
  const [contact, setContact] = useState('');
  const [code, setCode] = useState('');
  const [minutes, setMinutes] = useState(0);
  const [step, setStep] = useState<TrackStep>('request');
  const [view, setView] = useState<CustomerTicketView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  // The token of the open view (kept here too, for browsers where sessionStorage is refused).
  const tokenRef = useRef('');
  const load = useCallback(
    async (token: string, num: string) => {
      tokenRef.current = token;
      try {
        const res = await api<{ data: CustomerTicketView }>(
          'GET',
          `/public/tracking/${encodeURIComponent(num)}`,
          {
            headers: { authorization: `Bearer ${token}` },
          },
        );
        setView(res.data);
        setStep('view');
      } catch (err) {
        try {
          sessionStorage.removeItem(`closeloop.tracking.${num}`);
        } catch {
          // nothing stored
        }
        setStep('request');
        setError(err instanceof ApiError && err.status === 401 ? new Error(t('track.expired')) : err);
      }
    },
    [t],
  );

  useEffect(() => {
    const token = initialNumber ? storedToken(initialNumber) : null;
    if (token) void load(token, initialNumber);
  }, [initialNumber, load]);

  async function requestCode(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const res = await api<{ data: { expiresInMinutes: number } }>('POST', '/public/tracking/code', {
        body: { number: number.trim(), contact: contact.trim() },
      });
      setMinutes(res.data.expiresInMinutes);
      setStep('code');
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFields(err.fieldIssues());
    } finally {
      setBusy(false);
    }
  }

  async function openSession(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const res = await api<{ data: { token: string } }>('POST', '/public/tracking/session', {
        body: { number: number.trim(), code: code.trim() },
      });
      try {
        sessionStorage.setItem(`closeloop.tracking.${number.trim()}`, res.data.token);
      } catch {
        // private mode: the view lasts for this page only
      }
      await load(res.data.token, number.trim());
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFields(err.fieldIssues());
    } finally {
      setBusy(false);
    }
  }

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
        {step === 'view' && view ? (
          <TicketView
            view={view}
            token={storedToken(view.number) ?? tokenRef.current}
            onRated={(token) => load(token, view.number)}
          />
        ) : (
          <section className="panel track">
            <h1>{t('track.followTitle')}</h1>
            <p className="muted">{t('track.intro')}</p>
            {error instanceof ApiError && Object.keys(fields).length === 0 ? (
              <ErrorMessage error={error} />
            ) : null}
            {error instanceof Error && !(error instanceof ApiError) ? (
              <p className="alert error" role="alert">
                {error.message}
              </p>
            ) : null}
            {step === 'request' ? (
              <form onSubmit={requestCode} noValidate>
                <label>
                  {t('track.number')}
                  <input name="number" value={number} onChange={(e) => setNumber(e.target.value)} />
                  <FieldError id="number-error" message={fields.number} />
                </label>
                <label>
                  {t('track.contact')}
                  <input
                    name="contact"
                    autoComplete="email"
                    value={contact}
                    onChange={(e) => setContact(e.target.value)}
                  />
                  <FieldError id="contact-error" message={fields.contact} />
                </label>
                <button type="submit" className="primary" disabled={busy}>
                  {busy ? t('track.sending') : t('track.sendCode')}
                </button>
              </form>
            ) : (
              <form onSubmit={openSession} noValidate>
                <p className="alert info" role="status">
                  {t('track.codeSent', { minutes })}
                </p>
                <label>
                  {t('track.code')}
                  <input
                    name="code"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                  />
                  <FieldError id="code-error" message={fields.code} />
                </label>
                <div className="row">
                  <button type="submit" className="primary" disabled={busy}>
                    {busy ? t('track.opening') : t('track.open')}
                  </button>
                  <button type="button" className="link" onClick={() => setStep('request')}>
                    {t('track.startOver')}
                  </button>
                </div>
              </form>
            )}
          </section>
        )}
      </main>
    </div>
  );
}

function TicketView({
  view,
  token,
  onRated,
}: {
  view: CustomerTicketView;
  token: string;
  onRated: (token: string) => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <section className="panel track-view" data-testid="tracked-ticket">
      <h1>{t('track.title', { number: view.number })}</h1>
      <dl className="facts">
        <div>
          <dt>{t('track.status')}</dt>
          <dd data-testid="tracked-status">{view.statusLabel}</dd>
        </div>
        <div>
          <dt>{t('track.submitted')}</dt>
          <dd>{formatDateTime(view.submittedAt)}</dd>
        </div>
        <div>
          <dt>{t('track.expected')}</dt>
          <dd>{formatDateTime(view.expectedResolutionAt)}</dd>
        </div>
        <div>
          <dt>{t('track.handler')}</dt>
          <dd>{view.handlerName ?? t('track.noHandler')}</dd>
        </div>
      </dl>
      {view.closure ? <ClosureLetter closure={view.closure} /> : null}
      {outcome ? (
        <p className="alert info" role="status" data-testid="rating-outcome">
          {outcome}
        </p>
      ) : null}
      {view.status === 'resolved' && token ? (
        <RatingForm
          send={async (input) => {
            const res = await api<{ data: { outcome: RatingOutcome } }>(
              'POST',
              `/public/tracking/${encodeURIComponent(view.number)}/rating`,
              { body: input, headers: { authorization: `Bearer ${token}` } },
            );
            return res.data.outcome;
          }}
          onRated={(result) => {
            setOutcome(t(result === 'closed' ? 'rating.closed' : 'rating.reopened'));
            onRated(token);
          }}
        />
      ) : null}
      <h2>{t('track.timeline')}</h2>
      <ol className="timeline">
        {view.timeline.map((entry, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; the list is only replaced whole
            key={i}
            className={
              entry.body
                ? `message kind-${entry.kind === 'customer_message' ? 'customer' : 'agent'}`
                : 'event'
            }
            data-testid="tracked-entry"
            data-kind={entry.kind}
          >
            <strong>{entry.label}</strong>
            <span className="muted">
              {' · '}
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              {entry.handlerName ? ` · ${entry.handlerName}` : ''}
            </span>
            {entry.body ? <div className="body text">{entry.body}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

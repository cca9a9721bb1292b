import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingLinkView } from '../../../shared/contracts/tracking.js';
import { api } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { formatDateTime } from '../format.js';
import { ClosureLetter, RatingForm, type RatingOutcome } from './customer-rating.js';

/**
 * `/rate/:number?t=<token>`: the signed link of the "resolved" notice. No login and no code: the token is
 * the proof (`GET/POST /public/rating-links/:token`). Shows the ticket, its closure letter and the rating form.
 */
export function RatePage({ number, token }: { number: string; token: string }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<RatingLinkView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<RatingOutcome | null>(null);
  const path = `/public/rating-links/${encodeURIComponent(token)}`;

  // Loaded again when the language changes (status and errors in the new language) and after rating (the
  // new status). Once rated, a failing reload (a reopened ticket's link is superseded) keeps the last view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the language is a reload trigger
  useEffect(() => {
    if (!token) return;
    const ctrl = new AbortController();
    api<{ data: RatingLinkView }>('GET', path, { signal: ctrl.signal }).then(
      (res) => {
        setView(res.data);
        setError(null);
      },
      (err: unknown) => {
        if ((err instanceof DOMException && err.name === 'AbortError') || outcome) return;
        setView(null);
        setError(err);
      },
    );
    return () => ctrl.abort();
  }, [path, token, i18n.language, outcome]);

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
        <section className="panel track-view" data-testid="rate-page">
          <h1>{t('track.title', { number: view?.number ?? number })}</h1>
          {!token ? (
            <p className="alert error" role="alert">
              {t('rate.noToken')}
            </p>
          ) : null}
          <ErrorMessage error={error} />
          {view ? (
            <>
              <dl className="facts">
                <div>
                  <dt>{t('track.status')}</dt>
                  <dd data-testid="rate-status">{view.statusLabel}</dd>
                </div>
                <div>
                  <dt>{t('track.submitted')}</dt>
                  <dd>{formatDateTime(view.submittedAt)}</dd>
                </div>
                {view.resolvedAt ? (
                  <div>
                    <dt>{t('rate.resolved')}</dt>
                    <dd>{formatDateTime(view.resolvedAt)}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>{t('track.handler')}</dt>
                  <dd>{view.handlerName ?? t('track.noHandler')}</dd>
                </div>
              </dl>
              {view.closure ? (
                <>
                  <ClosureLetter closure={view.closure} />
                  <p>
                    <a
                      href={`/api/v1${path}/closure-letter`}
                      target="_blank"
                      rel="noreferrer"
                      data-testid="printable-letter"
                    >
                      {t('rate.printable')}
                    </a>
                  </p>
                </>
              ) : null}
              {outcome ? (
                <p className="alert info" role="status" data-testid="rating-outcome">
                  {t(outcome === 'closed' ? 'rating.closed' : 'rating.reopened')}
                </p>
              ) : null}
              {view.canRate && !outcome ? (
                <>
                  <RatingForm
                    send={async (input) => {
                      const res = await api<{ data: { outcome: RatingOutcome } }>('POST', path, {
                        body: input,
                      });
                      return res.data.outcome;
                    }}
                    onRated={setOutcome}
                  />
                  <p className="muted">{t('rate.validUntil', { at: formatDateTime(view.expiresAt) })}</p>
                </>
              ) : null}
              {!view.canRate && !outcome ? (
                <p className="alert info" role="status">
                  {t('rate.notOpen')}
                </p>
              ) : null}
            </>
          ) : null}
        </section>
      </main>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRating } from '../../../shared/contracts/customer-ratings.js';
import { api } from '../api.js';
import { formatDateTime, formatNumber } from '../format.js';
import { Link } from '../router.js';

/** The customer panel's satisfaction history: their ratings of resolutions (`GET /customers/:id/ratings`). */
export function PastRatings({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const [ratings, setRatings] = useState<{ data: CustomerRating[]; average: number | null } | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    api<{ data: CustomerRating[]; average: number | null }>(
      'GET',
      `/customers/${encodeURIComponent(customerId)}/ratings`,
      { signal: ctl.signal },
    )
      .then(setRatings)
      .catch(() => setRatings(null));
    return () => ctl.abort();
  }, [customerId]);

  if (!ratings) return null;
  return (
    <>
      <h3>{t('ticket.customerPanel.ratings')}</h3>
      {ratings.data.length === 0 ? (
        <p className="muted">{t('ticket.customerPanel.noRatings')}</p>
      ) : (
        <>
          <p className="muted" data-testid="rating-average">
            {t('ticket.customerPanel.average', {
              average: formatNumber(ratings.average ?? 0),
              count: ratings.data.length,
            })}
          </p>
          <ul className="links" data-testid="customer-ratings">
            {ratings.data.map((r) => (
              <li key={`${r.feedbackId}-${r.ratedAt}`}>
                <span
                  role="img"
                  className={`stars${r.score < 3 ? ' low' : ''}`}
                  aria-label={t('ticket.customerPanel.score', { score: r.score })}
                >
                  {'★'.repeat(r.score)}
                  {'☆'.repeat(5 - r.score)}
                </span>{' '}
                <Link to={`/tickets/${r.feedbackId}`}>{r.number}</Link>{' '}
                <span className="muted">{formatDateTime(r.ratedAt)}</span>
                {r.comment ? <div className="muted">“{r.comment}”</div> : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

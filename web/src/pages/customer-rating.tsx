import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerTicketView } from '../../../shared/contracts/tracking.js';
import { ApiError } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

/** What the customer sends: `POST /public/tracking/:number/rating` or `POST /public/rating-links/:token`. */
export interface RatingInput {
  score: number;
  comment?: string;
}
export type RatingOutcome = 'closed' | 'reopened';

/** Field error ids, so each input is described by the message next to it. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="field-error" id={id} role="alert">
      {message}
    </span>
  );
}

/** The closure letter as the customer reads it (tracking page and signed rating link). */
export function ClosureLetter({ closure }: { closure: NonNullable<CustomerTicketView['closure']> }) {
  const { t } = useTranslation();
  return (
    <section className="closure-letter" aria-labelledby="closure-title">
      <h2 id="closure-title">{t('track.closureTitle')}</h2>
      <h3>{t('track.rootCause')}</h3>
      <p>{closure.rootCause}</p>
      <h3>{t('track.remedy')}</h3>
      <p>{closure.remedy}</p>
      <h3>{t('track.prevention')}</h3>
      <p>{closure.prevention}</p>
    </section>
  );
}

/** Confirm a resolved ticket and rate it 1–5; below 3 reopens it. `send` makes the call for its page. */
export function RatingForm({
  send,
  onRated,
}: {
  send: (input: RatingInput) => Promise<RatingOutcome>;
  onRated: (outcome: RatingOutcome) => void;
}) {
  const { t } = useTranslation();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFields({});
    if (score < 1) {
      setFields({ score: t('rating.scoreRequired') });
      return;
    }
    setBusy(true);
    try {
      onRated(await send({ score, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFields(err.fieldIssues());
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="rating-form" onSubmit={submit} noValidate aria-labelledby="rating-title">
      <h2 id="rating-title">{t('rating.title')}</h2>
      <p className="muted">{t('rating.intro')}</p>
      {Object.keys(fields).length === 0 ? <ErrorMessage error={error} /> : null}
      <fieldset className="stars" aria-invalid={Boolean(fields.score)} aria-describedby="score-error">
        <legend>{t('rating.score')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="star">
            <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} />
            {t(`rating.scores.${n}`)}
          </label>
        ))}
      </fieldset>
      <FieldError id="score-error" message={fields.score} />
      <label>
        {t('rating.comment')}
        <textarea
          name="comment"
          rows={3}
          maxLength={2000}
          value={comment}
          aria-invalid={Boolean(fields.comment)}
          onChange={(e) => setComment(e.target.value)}
        />
        <FieldError id="comment-error" message={fields.comment} />
      </label>
      {score > 0 && score < 3 ? <p className="alert info">{t('rating.reopenHint')}</p> : null}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('rating.sending') : t('rating.submit')}
      </button>
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NATURES, type Nature } from '../../../shared/enums.js';
import { ApiError, api, type FeedbackItem } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { navigate } from '../router.js';

/** Local date-time for <input type="datetime-local"> (the browser's clock and zone). */
function localNow(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** PRODUCT §1: an agent logs a phone call; it becomes a ticket (`POST /api/v1/intake/calls`). */
export function LogCallPage() {
  const { t } = useTranslation();
  const [callerName, setCallerName] = useState('');
  const [phone, setPhone] = useState('');
  const [startedAt, setStartedAt] = useState(localNow);
  const [minutes, setMinutes] = useState('5');
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [nature, setNature] = useState<Nature | ''>('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    const started = new Date(startedAt);
    try {
      const res = await api<{ data: FeedbackItem }>('POST', '/intake/calls', {
        body: {
          ...(callerName.trim() ? { callerName: callerName.trim() } : {}),
          phone,
          startedAt: Number.isNaN(started.getTime()) ? startedAt : started.toISOString(),
          durationSeconds: Math.max(0, Math.round(Number(minutes || 0) * 60)),
          direction,
          ...(nature ? { nature } : {}),
          notes,
        },
      });
      navigate(`/tickets/${res.data.id}`);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFields(err.fieldIssues());
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (key: string) =>
    fields[key] ? (
      <span className="field-error" role="alert">
        {fields[key]}
      </span>
    ) : null;

  return (
    <form className="panel call-form" onSubmit={submit} noValidate aria-labelledby="call-title">
      <h1 id="call-title">{t('call.title')}</h1>
      <p className="muted">{t('call.intro')}</p>
      {Object.keys(fields).length === 0 ? <ErrorMessage error={error} /> : null}
      <div className="grid2">
        <label>
          {t('call.callerName')}
          <input name="callerName" value={callerName} onChange={(e) => setCallerName(e.target.value)} />
          {fieldError('callerName')}
        </label>
        <label>
          {t('call.phone')}
          <input
            name="phone"
            type="tel"
            value={phone}
            aria-invalid={Boolean(fields.phone)}
            onChange={(e) => setPhone(e.target.value)}
          />
          {fieldError('phone')}
        </label>
        <label>
          {t('call.startedAt')}
          <input
            name="startedAt"
            type="datetime-local"
            value={startedAt}
            onChange={(e) => setStartedAt(e.target.value)}
          />
          {fieldError('startedAt')}
        </label>
        <label>
          {t('call.minutes')}
          <input
            name="minutes"
            type="number"
            min={0}
            step={1}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
          {fieldError('durationSeconds')}
        </label>
        <label>
          {t('call.direction')}
          <select
            name="direction"
            value={direction}
            onChange={(e) => setDirection(e.target.value as 'inbound' | 'outbound')}
          >
            <option value="inbound">{t('call.inbound')}</option>
            <option value="outbound">{t('call.outbound')}</option>
          </select>
        </label>
        <label>
          {t('call.nature')}
          <select name="nature" value={nature} onChange={(e) => setNature(e.target.value as Nature | '')}>
            <option value="">{t('call.natureAuto')}</option>
            {NATURES.map((n) => (
              <option key={n} value={n}>
                {t(`nature.${n}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('call.notes')}
        <textarea
          name="notes"
          rows={6}
          value={notes}
          aria-invalid={Boolean(fields.notes)}
          onChange={(e) => setNotes(e.target.value)}
        />
        {fieldError('notes')}
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('call.saving') : t('call.submit')}
      </button>
    </form>
  );
}

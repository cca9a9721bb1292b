import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeSource } from '../../../shared/contracts/intake.js';
import type { Mailbox } from '../../../shared/contracts/mail.js';
import type { WidgetSettings } from '../../../shared/contracts/widget.js';
import { ApiError, api } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { formatDateTime } from '../format.js';
import { Section, useList, useSubmit } from './admin-kit.js';

/** Channels: IMAP mailboxes, signed webhook sources with their mappings, the website widget. */
export function ChannelsSection() {
  return (
    <>
      <MailboxesPanel />
      <SourcesPanel />
      <WidgetPanel />
    </>
  );
}

interface PollResult {
  fetched: number;
  created: number;
  appended: number;
  ignored: number;
  rejected: number;
}

function MailboxesPanel() {
  const { t } = useTranslation();
  const boxes = useList<Mailbox>('/intake/mailboxes');
  const form = useSubmit();
  const rowAction = useSubmit();
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [port, setPort] = useState('993');
  const [tls, setTls] = useState(true);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [folder, setFolder] = useState('INBOX');
  const [polled, setPolled] = useState<PollResult | null>(null);

  const create = (e: FormEvent) => {
    e.preventDefault();
    void form.run(async () => {
      await api('POST', '/intake/mailboxes', {
        body: { name, host, port: Number(port), tls, user, password, folder },
      });
      setName('');
      setPassword('');
      boxes.reload();
    });
  };

  return (
    <Section title={t('admin.channels.mailboxes')}>
      <ErrorMessage error={boxes.error} />
      {rowAction.formError}
      {polled ? (
        <p className="alert info" role="status" data-testid="poll-result">
          {t('admin.channels.pollResult', { ...polled })}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="items" data-testid="admin-mailboxes">
          <thead>
            <tr>
              <th>{t('admin.channels.name')}</th>
              <th>{t('admin.channels.server')}</th>
              <th>{t('admin.channels.lastPolled')}</th>
              <th>{t('admin.channels.enabled')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(boxes.rows ?? []).map((b) => (
              <tr key={b.id} data-name={b.name}>
                <td>{b.name}</td>
                <td>
                  {b.user} @ {b.host}:{b.port} {b.tls ? 'TLS' : ''} · {b.folder}
                  {b.lastError ? <div className="field-error">{b.lastError}</div> : null}
                </td>
                <td className="nowrap">{b.lastPolledAt ? formatDateTime(b.lastPolledAt) : t('app.none')}</td>
                <td>{b.enabled ? t('admin.channels.on') : t('admin.channels.off')}</td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="link"
                    disabled={rowAction.busy}
                    onClick={() =>
                      void rowAction.run(async () => {
                        setPolled(null);
                        try {
                          const res = await api<{ data: PollResult }>(
                            'POST',
                            `/intake/mailboxes/${b.id}/poll`,
                          );
                          setPolled(res.data);
                        } finally {
                          boxes.reload();
                        }
                      })
                    }
                  >
                    {t('admin.channels.pollNow')}
                  </button>{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      void rowAction.run(async () => {
                        await api('PATCH', `/intake/mailboxes/${b.id}`, { body: { enabled: !b.enabled } });
                        boxes.reload();
                      })
                    }
                  >
                    {b.enabled ? t('admin.webhooks.disable') : t('admin.webhooks.enable')}
                  </button>{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      void rowAction.run(async () => {
                        await api('DELETE', `/intake/mailboxes/${b.id}`);
                        boxes.reload();
                      })
                    }
                  >
                    {t('admin.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="admin-form" onSubmit={create} noValidate>
        <h3>{t('admin.channels.addMailbox')}</h3>
        {form.formError}
        <div className="grid2">
          <label>
            {t('admin.channels.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} />
            {form.fieldError('name')}
          </label>
          <label>
            {t('admin.channels.host')}
            <input value={host} onChange={(e) => setHost(e.target.value)} />
            {form.fieldError('host')}
          </label>
          <label>
            {t('admin.channels.port')}
            <input type="number" value={port} onChange={(e) => setPort(e.target.value)} />
            {form.fieldError('port')}
          </label>
          <label className="check">
            <input type="checkbox" checked={tls} onChange={(e) => setTls(e.target.checked)} />
            {t('admin.channels.tls')}
          </label>
          <label>
            {t('admin.channels.user')}
            <input value={user} onChange={(e) => setUser(e.target.value)} autoComplete="off" />
            {form.fieldError('user')}
          </label>
          <label>
            {t('admin.channels.password')}
            <input
              type="password"
              value={password}
              autoComplete="new-password"
              onChange={(e) => setPassword(e.target.value)}
            />
            {form.fieldError('password')}
          </label>
          <label>
            {t('admin.channels.folder')}
            <input value={folder} onChange={(e) => setFolder(e.target.value)} />
            {form.fieldError('folder')}
          </label>
        </div>
        <button type="submit" className="primary" disabled={form.busy}>
          {t('admin.channels.addMailboxSubmit')}
        </button>
      </form>
    </Section>
  );
}

interface Preset {
  code: string;
  name: string;
  channel: string;
  mapping: Record<string, string>;
}
/** Channels a webhook source may feed (HOOK_CHANNELS of the intake contract; the contract module carries zod). */
const HOOK_CHANNELS = ['sms', 'social', 'review', 'app_store'] as const;

function SourcesPanel() {
  const { t } = useTranslation();
  const sources = useList<IntakeSource>('/intake/sources');
  const presets = useList<Preset>('/intake/source-presets');
  const form = useSubmit();
  const rowAction = useSubmit();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [preset, setPreset] = useState('');
  const [channel, setChannel] = useState<string>('review');
  const [mapping, setMapping] = useState('{\n  "description": "$.text"\n}');
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);

  const choosePreset = (code: string) => {
    setPreset(code);
    const p = presets.rows?.find((x) => x.code === code);
    if (p) {
      setMapping(JSON.stringify(p.mapping, null, 2));
      setChannel(p.channel);
    }
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    void form.run(async () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(mapping);
      } catch {
        throw new ApiError(400, 'validation_failed', t('admin.channels.mappingJson'), [
          { path: 'mapping', message: t('admin.channels.mappingJson') },
        ]);
      }
      const res = await api<{ data: IntakeSource & { secret: string } }>('POST', '/intake/sources', {
        body: { name, slug, channel, ...(preset ? { preset } : {}), mapping: parsed },
      });
      setSecret({ url: res.data.receiveUrl, secret: res.data.secret });
      setName('');
      setSlug('');
      sources.reload();
    });
  };

  return (
    <Section title={t('admin.channels.sources')}>
      <p className="muted">{t('admin.channels.sourcesIntro')}</p>
      <ErrorMessage error={sources.error} />
      {rowAction.formError}
      {secret ? (
        <div className="alert info" data-testid="new-source-secret">
          <p>{t('admin.channels.secretOnce', { url: secret.url })}</p>
          <code className="secret">{secret.secret}</code>
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="items" data-testid="admin-sources">
          <thead>
            <tr>
              <th>{t('admin.channels.name')}</th>
              <th>{t('admin.channels.receiveUrl')}</th>
              <th>{t('admin.channels.mapping')}</th>
              <th>{t('admin.channels.enabled')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(sources.rows ?? []).map((s) => (
              <tr key={s.id} data-slug={s.slug}>
                <td>{s.name}</td>
                <td>
                  <code>{s.receiveUrl}</code>
                </td>
                <td>
                  <code className="small">{JSON.stringify(s.mapping)}</code>
                </td>
                <td>{s.enabled ? t('admin.channels.on') : t('admin.channels.off')}</td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      void rowAction.run(async () => {
                        await api('PATCH', `/intake/sources/${s.id}`, { body: { enabled: !s.enabled } });
                        sources.reload();
                      })
                    }
                  >
                    {s.enabled ? t('admin.webhooks.disable') : t('admin.webhooks.enable')}
                  </button>{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      void rowAction.run(async () => {
                        await api('DELETE', `/intake/sources/${s.id}`);
                        sources.reload();
                      })
                    }
                  >
                    {t('admin.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="admin-form" onSubmit={create} noValidate>
        <h3>{t('admin.channels.addSource')}</h3>
        {form.formError}
        <div className="grid2">
          <label>
            {t('admin.channels.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} />
            {form.fieldError('name')}
          </label>
          <label>
            {t('admin.channels.slug')}
            <input value={slug} onChange={(e) => setSlug(e.target.value)} />
            {form.fieldError('slug')}
          </label>
          <label>
            {t('admin.channels.channel')}
            <select value={channel} onChange={(e) => setChannel(e.target.value)}>
              {HOOK_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
            {form.fieldError('channel')}
          </label>
          <label>
            {t('admin.channels.preset')}
            <select value={preset} onChange={(e) => choosePreset(e.target.value)}>
              <option value="">{t('admin.channels.noPreset')}</option>
              {(presets.rows ?? []).map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          {t('admin.channels.mappingLabel')}
          <textarea
            className="mono"
            rows={6}
            value={mapping}
            aria-invalid={Boolean(form.fields.mapping)}
            onChange={(e) => setMapping(e.target.value)}
          />
          {form.fieldError('mapping')}
        </label>
        <button type="submit" className="primary" disabled={form.busy}>
          {t('admin.channels.addSourceSubmit')}
        </button>
      </form>
    </Section>
  );
}

function WidgetPanel() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<WidgetSettings | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const form = useSubmit();
  const [origins, setOrigins] = useState('');
  const [color, setColor] = useState('#1f6feb');
  const [language, setLanguage] = useState<WidgetSettings['language']>('auto');
  const [position, setPosition] = useState<WidgetSettings['position']>('right');
  const [copied, setCopied] = useState(false);

  const accept = useCallback((s: WidgetSettings) => {
    setSettings(s);
    setOrigins(s.allowedOrigins.join('\n'));
    setColor(s.primaryColor);
    setLanguage(s.language);
    setPosition(s.position);
  }, []);
  useEffect(() => {
    api<{ data: WidgetSettings }>('GET', '/intake/widget')
      .then((r) => accept(r.data))
      .catch((e: unknown) => setLoadError(e));
  }, [accept]);

  const save = (e: FormEvent) => {
    e.preventDefault();
    void form.run(async () => {
      const allowedOrigins = origins
        .split(/\s+/)
        .map((o) => o.trim())
        .filter(Boolean);
      const res = await api<{ data: WidgetSettings }>('PUT', '/intake/widget', {
        body: { allowedOrigins, primaryColor: color, language, position },
      });
      accept(res.data);
    });
  };

  return (
    <Section title={t('admin.channels.widget')}>
      <ErrorMessage error={loadError} />
      {settings ? (
        <div className="snippet">
          <p>{t('admin.channels.snippetIntro')}</p>
          <pre data-testid="widget-snippet">{settings.snippet}</pre>
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(settings.snippet).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
          >
            {copied ? t('admin.channels.copied') : t('admin.channels.copy')}
          </button>
        </div>
      ) : null}
      <form className="admin-form" onSubmit={save} noValidate>
        {form.formError}
        <div className="grid2">
          <label>
            {t('admin.channels.origins')}
            <textarea
              rows={3}
              value={origins}
              aria-invalid={Object.keys(form.fields).some((k) => k.startsWith('allowedOrigins'))}
              onChange={(e) => setOrigins(e.target.value)}
            />
            {Object.entries(form.fields)
              .filter(([k]) => k.startsWith('allowedOrigins'))
              .slice(0, 1)
              .map(([k, v]) => (
                <span key={k} className="field-error" role="alert">
                  {v}
                </span>
              ))}
          </label>
          <label>
            {t('admin.channels.color')}
            <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
            {form.fieldError('primaryColor')}
          </label>
          <label>
            {t('admin.channels.language')}
            <select
              value={language}
              onChange={(e) => setLanguage(e.target.value as WidgetSettings['language'])}
            >
              <option value="auto">{t('admin.channels.langAuto')}</option>
              <option value="zh-CN">简体中文</option>
              <option value="en">English</option>
            </select>
          </label>
          <label>
            {t('admin.channels.position')}
            <select
              value={position}
              onChange={(e) => setPosition(e.target.value as WidgetSettings['position'])}
            >
              <option value="right">{t('admin.channels.right')}</option>
              <option value="left">{t('admin.channels.left')}</option>
            </select>
          </label>
        </div>
        {settings?.environmentOrigins.length ? (
          <p className="muted">
            {t('admin.channels.envOrigins', { origins: settings.environmentOrigins.join(', ') })}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={form.busy}>
          {t('admin.save')}
        </button>
      </form>
    </Section>
  );
}

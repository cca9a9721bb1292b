import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeSource } from '../../../shared/contracts/intake.js';
import type { Mailbox } from '../../../shared/contracts/mail.js';
import type { WidgetSettings } from '../../../shared/contracts/widget.js';
import { ApiError, api } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { formatDateTime } from '../format.js';
import {
  ActionButton,
  AdminForm,
  AdminTable,
  Field,
  RemoveButton,
  Section,
  useAdminList,
  useList,
  useSubmit,
} from './admin-kit.js';

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
  const boxes = useAdminList<Mailbox>('/intake/mailboxes');
  const form = useSubmit();
  const { rowAction } = boxes;
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [port, setPort] = useState('993');
  const [tls, setTls] = useState(true);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [folder, setFolder] = useState('INBOX');
  const [polled, setPolled] = useState<PollResult | null>(null);

  const create = async () => {
    await api('POST', '/intake/mailboxes', {
      body: { name, host, port: Number(port), tls, user, password, folder },
    });
    setName('');
    setPassword('');
    boxes.reload();
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
      <AdminTable
        testId="admin-mailboxes"
        headers={[
          t('admin.channels.name'),
          t('admin.channels.server'),
          t('admin.channels.lastPolled'),
          t('admin.channels.enabled'),
          '',
        ]}
      >
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
              <ActionButton
                submit={rowAction}
                disabled={rowAction.busy}
                action={async () => {
                  setPolled(null);
                  try {
                    const res = await api<{ data: PollResult }>('POST', `/intake/mailboxes/${b.id}/poll`);
                    setPolled(res.data);
                  } finally {
                    boxes.reload();
                  }
                }}
              >
                {t('admin.channels.pollNow')}
              </ActionButton>{' '}
              <ActionButton
                submit={rowAction}
                action={boxes.change('PATCH', `/intake/mailboxes/${b.id}`, { enabled: !b.enabled })}
              >
                {b.enabled ? t('admin.webhooks.disable') : t('admin.webhooks.enable')}
              </ActionButton>{' '}
              <RemoveButton submit={rowAction} action={boxes.change('DELETE', `/intake/mailboxes/${b.id}`)} />
            </td>
          </tr>
        ))}
      </AdminTable>
      <AdminForm
        title={t('admin.channels.addMailbox')}
        form={form}
        action={create}
        submitLabel={t('admin.channels.addMailboxSubmit')}
      >
        <div className="grid2">
          <Field label={t('admin.channels.name')} error={form.fieldError('name')}>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label={t('admin.channels.host')} error={form.fieldError('host')}>
            <input value={host} onChange={(e) => setHost(e.target.value)} />
          </Field>
          <Field label={t('admin.channels.port')} error={form.fieldError('port')}>
            <input type="number" value={port} onChange={(e) => setPort(e.target.value)} />
          </Field>
          <label className="check">
            <input type="checkbox" checked={tls} onChange={(e) => setTls(e.target.checked)} />
            {t('admin.channels.tls')}
          </label>
          <Field label={t('admin.channels.user')} error={form.fieldError('user')}>
            <input value={user} onChange={(e) => setUser(e.target.value)} autoComplete="off" />
          </Field>
          <Field label={t('admin.channels.password')} error={form.fieldError('password')}>
            <input
              type="password"
              value={password}
              autoComplete="new-password"
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          <Field label={t('admin.channels.folder')} error={form.fieldError('folder')}>
            <input value={folder} onChange={(e) => setFolder(e.target.value)} />
          </Field>
        </div>
      </AdminForm>
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
  const sources = useAdminList<IntakeSource>('/intake/sources');
  const presets = useList<Preset>('/intake/source-presets');
  const form = useSubmit();
  const { rowAction } = sources;
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

  const create = async () => {
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
      <AdminTable
        testId="admin-sources"
        headers={[
          t('admin.channels.name'),
          t('admin.channels.receiveUrl'),
          t('admin.channels.mapping'),
          t('admin.channels.enabled'),
          '',
        ]}
      >
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
              <ActionButton
                submit={rowAction}
                action={sources.change('PATCH', `/intake/sources/${s.id}`, { enabled: !s.enabled })}
              >
                {s.enabled ? t('admin.webhooks.disable') : t('admin.webhooks.enable')}
              </ActionButton>{' '}
              <RemoveButton submit={rowAction} action={sources.change('DELETE', `/intake/sources/${s.id}`)} />
            </td>
          </tr>
        ))}
      </AdminTable>
      <AdminForm
        title={t('admin.channels.addSource')}
        form={form}
        action={create}
        submitLabel={t('admin.channels.addSourceSubmit')}
      >
        <div className="grid2">
          <Field label={t('admin.channels.name')} error={form.fieldError('name')}>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label={t('admin.channels.slug')} error={form.fieldError('slug')}>
            <input value={slug} onChange={(e) => setSlug(e.target.value)} />
          </Field>
          <Field label={t('admin.channels.channel')} error={form.fieldError('channel')}>
            <select value={channel} onChange={(e) => setChannel(e.target.value)}>
              {HOOK_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('admin.channels.preset')}>
            <select value={preset} onChange={(e) => choosePreset(e.target.value)}>
              <option value="">{t('admin.channels.noPreset')}</option>
              {(presets.rows ?? []).map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label={t('admin.channels.mappingLabel')} error={form.fieldError('mapping')}>
          <textarea
            className="mono"
            rows={6}
            value={mapping}
            aria-invalid={Boolean(form.fields.mapping)}
            onChange={(e) => setMapping(e.target.value)}
          />
        </Field>
      </AdminForm>
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

  const save = async () => {
    const allowedOrigins = origins
      .split(/\s+/)
      .map((o) => o.trim())
      .filter(Boolean);
    const res = await api<{ data: WidgetSettings }>('PUT', '/intake/widget', {
      body: { allowedOrigins, primaryColor: color, language, position },
    });
    accept(res.data);
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
      <AdminForm form={form} action={save} submitLabel={t('admin.save')}>
        <div className="grid2">
          <Field
            label={t('admin.channels.origins')}
            error={Object.entries(form.fields)
              .filter(([k]) => k.startsWith('allowedOrigins'))
              .slice(0, 1)
              .map(([k, v]) => (
                <span key={k} className="field-error" role="alert">
                  {v}
                </span>
              ))}
          >
            <textarea
              rows={3}
              value={origins}
              aria-invalid={Object.keys(form.fields).some((k) => k.startsWith('allowedOrigins'))}
              onChange={(e) => setOrigins(e.target.value)}
            />
          </Field>
          <Field label={t('admin.channels.color')} error={form.fieldError('primaryColor')}>
            <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
          </Field>
          <Field label={t('admin.channels.language')}>
            <select
              value={language}
              onChange={(e) => setLanguage(e.target.value as WidgetSettings['language'])}
            >
              <option value="auto">{t('admin.channels.langAuto')}</option>
              <option value="zh-CN">简体中文</option>
              <option value="en">English</option>
            </select>
          </Field>
          <Field label={t('admin.channels.position')}>
            <select
              value={position}
              onChange={(e) => setPosition(e.target.value as WidgetSettings['position'])}
            >
              <option value="right">{t('admin.channels.right')}</option>
              <option value="left">{t('admin.channels.left')}</option>
            </select>
          </Field>
        </div>
        {settings?.environmentOrigins.length ? (
          <p className="muted">
            {t('admin.channels.envOrigins', { origins: settings.environmentOrigins.join(', ') })}
          </p>
        ) : null}
      </AdminForm>
    </Section>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleActions, RuleConditions, TriageRule } from '../../../shared/contracts/triage.js';
import type { Webhook, WebhookDelivery } from '../../../shared/contracts/webhooks.js';
import { NATURES, PRIORITIES } from '../../../shared/enums.js';
import { api, type Department } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { formatDateTime } from '../format.js';
import {
  ActionButton,
  AdminForm,
  AdminTable,
  deptName,
  Field,
  RemoveButton,
  Section,
  useAdminList,
  useList,
  useSubmit,
} from './admin-kit.js';

const words = (s: string) =>
  s
    .split(/[,，、\n]/)
    .map((w) => w.trim())
    .filter(Boolean);

interface RuleDraft {
  name: string;
  keywordsAny: string;
  keywordsAll: string;
  amountAtLeast: string;
  natures: string;
  priority: string;
  nature: string;
  tags: string;
  departmentId: string;
}
const EMPTY_RULE: RuleDraft = {
  name: '',
  keywordsAny: '',
  keywordsAll: '',
  amountAtLeast: '',
  natures: '',
  priority: '',
  nature: '',
  tags: '',
  departmentId: '',
};

function draftOf(rule: TriageRule): RuleDraft {
  const c = rule.conditions;
  const a = rule.actions;
  return {
    name: rule.name,
    keywordsAny: (c.keywordsAny ?? []).join(', '),
    keywordsAll: (c.keywordsAll ?? []).join(', '),
    amountAtLeast: c.amountAtLeast === undefined ? '' : String(c.amountAtLeast),
    natures: (c.natures ?? [])[0] ?? '',
    priority: a.priority ?? '',
    nature: a.nature ?? '',
    tags: (a.tags ?? []).join(', '),
    departmentId: a.departmentId ?? '',
  };
}

function bodyOf(d: RuleDraft): { name: string; conditions: RuleConditions; actions: RuleActions } {
  const conditions: Record<string, unknown> = {};
  if (words(d.keywordsAny).length) conditions.keywordsAny = words(d.keywordsAny);
  if (words(d.keywordsAll).length) conditions.keywordsAll = words(d.keywordsAll);
  if (d.amountAtLeast.trim()) conditions.amountAtLeast = Number(d.amountAtLeast);
  if (d.natures) conditions.natures = [d.natures];
  const actions: Record<string, unknown> = {};
  if (d.priority) actions.priority = d.priority;
  if (d.nature) actions.nature = d.nature;
  if (words(d.tags).length) actions.tags = words(d.tags);
  if (d.departmentId) actions.departmentId = d.departmentId;
  return { name: d.name, conditions: conditions as RuleConditions, actions: actions as RuleActions };
}

interface DryRun {
  rules: { id: string | null; name: string; matched: boolean; applied: string[] }[];
  result: { priority: string; nature: string | null; tags: string[]; businessArea: string | null };
}

/** Triage rules: list, create / edit (conditions and actions), enable / disable, delete, dry run. */
export function TriageSection() {
  const { t } = useTranslation();
  const rules = useAdminList<TriageRule>('/triage/rules');
  const depts = useList<Department>('/departments');
  const form = useSubmit();
  const { rowAction } = rules;
  const dry = useSubmit();
  const [editing, setEditing] = useState<TriageRule | null>(null);
  const [draft, setDraft] = useState<RuleDraft>(EMPTY_RULE);
  const [sample, setSample] = useState('');
  const [dryResult, setDryResult] = useState<DryRun | null>(null);
  const set = (k: keyof RuleDraft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  const save = async () => {
    if (editing) await api('PATCH', `/triage/rules/${editing.id}`, { body: bodyOf(draft) });
    else await api('POST', '/triage/rules', { body: bodyOf(draft) });
    setEditing(null);
    setDraft(EMPTY_RULE);
    rules.reload();
  };
  const tryIt = (e: FormEvent) => {
    e.preventDefault();
    void dry.run(async () => {
      const draftRule = draft.name.trim() ? { rule: bodyOf(draft) } : {};
      const res = await api<{ data: DryRun }>('POST', '/triage/rules/test', {
        body: { text: sample, ...draftRule },
      });
      setDryResult(res.data);
    });
  };

  return (
    <Section title={t('admin.section.triage')}>
      <p className="muted">{t('admin.triage.intro')}</p>
      <ErrorMessage error={rules.error} />
      {rowAction.formError}
      <AdminTable
        testId="admin-rules"
        headers={[
          t('admin.triage.name'),
          t('admin.triage.conditions'),
          t('admin.triage.actions'),
          t('admin.triage.enabled'),
          '',
        ]}
      >
        {(rules.rows ?? []).map((r) => (
          <tr key={r.id} data-name={r.name}>
            <td>{r.name}</td>
            <td>
              <code className="small">{JSON.stringify(r.conditions)}</code>
            </td>
            <td>
              <code className="small">{JSON.stringify(r.actions)}</code>
            </td>
            <td>
              <label className="check">
                <input
                  type="checkbox"
                  checked={r.enabled}
                  aria-label={t('admin.triage.enabledOf', { name: r.name })}
                  onChange={() =>
                    void rowAction.run(
                      rules.change('PATCH', `/triage/rules/${r.id}`, { enabled: !r.enabled }),
                    )
                  }
                />
              </label>
            </td>
            <td className="nowrap">
              <button
                type="button"
                className="link"
                onClick={() => {
                  setEditing(r);
                  setDraft(draftOf(r));
                }}
              >
                {t('admin.edit')}
              </button>{' '}
              <RemoveButton submit={rowAction} action={rules.change('DELETE', `/triage/rules/${r.id}`)} />
            </td>
          </tr>
        ))}
      </AdminTable>
      <AdminForm
        title={editing ? t('admin.triage.editTitle', { name: editing.name }) : t('admin.triage.create')}
        form={form}
        action={save}
      >
        <div className="grid2">
          <Field label={t('admin.triage.name')} error={form.fieldError('name')}>
            <input value={draft.name} onChange={set('name')} />
          </Field>
          <Field label={t('admin.triage.keywordsAny')} error={form.fieldError('conditions.keywordsAny')}>
            <input value={draft.keywordsAny} onChange={set('keywordsAny')} />
          </Field>
          <Field label={t('admin.triage.keywordsAll')} error={form.fieldError('conditions.keywordsAll')}>
            <input value={draft.keywordsAll} onChange={set('keywordsAll')} />
          </Field>
          <Field label={t('admin.triage.amountAtLeast')} error={form.fieldError('conditions.amountAtLeast')}>
            <input type="number" min={0} value={draft.amountAtLeast} onChange={set('amountAtLeast')} />
          </Field>
          <Field label={t('admin.triage.ifNature')}>
            <select value={draft.natures} onChange={set('natures')}>
              <option value="">{t('admin.triage.any')}</option>
              {NATURES.map((n) => (
                <option key={n} value={n}>
                  {t(`nature.${n}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('admin.triage.setPriority')}>
            <select value={draft.priority} onChange={set('priority')}>
              <option value="">{t('admin.triage.unchanged')}</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('admin.triage.setNature')}>
            <select value={draft.nature} onChange={set('nature')}>
              <option value="">{t('admin.triage.unchanged')}</option>
              {NATURES.map((n) => (
                <option key={n} value={n}>
                  {t(`nature.${n}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('admin.triage.addTags')} error={form.fieldError('actions.tags')}>
            <input value={draft.tags} onChange={set('tags')} />
          </Field>
          <Field label={t('admin.triage.routeTo')}>
            <select value={draft.departmentId} onChange={set('departmentId')}>
              <option value="">{t('admin.triage.unchanged')}</option>
              {(depts.rows ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {deptName(d)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {form.fieldError('actions')}
        <div className="row">
          <button type="submit" className="primary" disabled={form.busy}>
            {editing ? t('admin.save') : t('admin.triage.createSubmit')}
          </button>
          {editing ? (
            <button
              type="button"
              className="link"
              onClick={() => {
                setEditing(null);
                setDraft(EMPTY_RULE);
              }}
            >
              {t('admin.cancel')}
            </button>
          ) : null}
        </div>
      </AdminForm>
      <form className="admin-form" onSubmit={tryIt} noValidate>
        <h3>{t('admin.triage.dryRun')}</h3>
        <p className="muted">{t('admin.triage.dryRunIntro')}</p>
        {dry.formError}
        <label>
          {t('admin.triage.sample')}
          <textarea rows={3} value={sample} onChange={(e) => setSample(e.target.value)} />
          {dry.fieldError('text')}
        </label>
        <button type="submit" disabled={dry.busy}>
          {t('admin.triage.dryRunSubmit')}
        </button>
        {dryResult ? (
          <div className="alert info" data-testid="dry-run">
            <p>
              {t('admin.triage.dryRunResult', {
                priority: t(`priority.${dryResult.result.priority}`),
                nature: dryResult.result.nature ? t(`nature.${dryResult.result.nature}`) : t('app.none'),
                tags: dryResult.result.tags.join(', ') || t('app.none'),
              })}
            </p>
            <ul>
              {dryResult.rules.map((r) => (
                <li key={r.id ?? 'draft'} data-matched={r.matched}>
                  {r.name}: {r.matched ? t('admin.triage.matched') : t('admin.triage.notMatched')}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </form>
    </Section>
  );
}

/** Outbound webhook subscriptions: list, create (secret shown once), enable / disable, delete, deliveries. */
export function WebhooksSection() {
  const { t } = useTranslation();
  const hooks = useAdminList<Webhook>('/webhooks');
  // From the API, so the contract's zod schemas stay out of the bundle.
  const eventTypes = useList<string>('/webhooks/event-types');
  const form = useSubmit();
  const { rowAction } = hooks;
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>(['feedback.created']);
  const [secret, setSecret] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const deliveries = useList<WebhookDelivery>(shown ? `/webhooks/${shown}/deliveries?limit=50` : null);

  const create = async () => {
    const res = await api<{ data: Webhook & { secret: string } }>('POST', '/webhooks', {
      body: { url, eventTypes: events, ...(description.trim() ? { description: description.trim() } : {}) },
    });
    setSecret(res.data.secret);
    setUrl('');
    setDescription('');
    hooks.reload();
  };
  const toggle = (ev: string) =>
    setEvents((list) => (list.includes(ev) ? list.filter((x) => x !== ev) : [...list, ev]));

  return (
    <Section title={t('admin.section.webhooks')}>
      <ErrorMessage error={hooks.error} />
      {rowAction.formError}
      {secret ? (
        <div className="alert info" data-testid="new-webhook-secret">
          <p>{t('admin.webhooks.secretOnce')}</p>
          <code className="secret">{secret}</code>
        </div>
      ) : null}
      <AdminTable
        testId="admin-webhooks"
        headers={[t('admin.webhooks.url'), t('admin.webhooks.events'), t('admin.webhooks.state'), '']}
      >
        {(hooks.rows ?? []).map((h) => (
          <tr key={h.id} data-url={h.url}>
            <td>
              {h.url}
              {h.description ? <div className="muted">{h.description}</div> : null}
            </td>
            <td>{h.eventTypes.join(', ')}</td>
            <td>
              {h.active ? t('admin.webhooks.active') : t('admin.webhooks.inactive')}
              {h.disabledReason ? <div className="muted">{h.disabledReason}</div> : null}
            </td>
            <td className="nowrap">
              <ActionButton
                submit={rowAction}
                action={hooks.change('PATCH', `/webhooks/${h.id}`, { active: !h.active })}
              >
                {h.active ? t('admin.webhooks.disable') : t('admin.webhooks.enable')}
              </ActionButton>{' '}
              <button type="button" className="link" onClick={() => setShown(h.id)}>
                {t('admin.webhooks.deliveries')}
              </button>{' '}
              <RemoveButton
                submit={rowAction}
                action={async () => {
                  await api('DELETE', `/webhooks/${h.id}`);
                  if (shown === h.id) setShown(null);
                  hooks.reload();
                }}
              />
            </td>
          </tr>
        ))}
      </AdminTable>
      {shown ? (
        <AdminTable
          testId="webhook-deliveries"
          above={<ErrorMessage error={deliveries.error} />}
          headers={[
            t('admin.webhooks.event'),
            t('admin.webhooks.state'),
            t('admin.webhooks.attempts'),
            t('admin.webhooks.lastResult'),
            t('admin.webhooks.createdAt'),
          ]}
          empty={deliveries.rows && deliveries.rows.length === 0 ? t('admin.webhooks.noDeliveries') : null}
        >
          {(deliveries.rows ?? []).map((d) => (
            <tr key={d.id}>
              <td>{d.eventType}</td>
              <td>{t(`admin.webhooks.delivery.${d.status}`)}</td>
              <td>{d.attempts}</td>
              <td>{d.lastStatusCode ?? d.lastError ?? t('app.none')}</td>
              <td className="nowrap">{formatDateTime(d.createdAt)}</td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
      <AdminForm
        title={t('admin.webhooks.create')}
        form={form}
        action={create}
        submitLabel={t('admin.webhooks.createSubmit')}
      >
        <div className="grid2">
          <Field label={t('admin.webhooks.url')} error={form.fieldError('url')}>
            <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
          </Field>
          <Field label={t('admin.webhooks.description')}>
            <input value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
        </div>
        <fieldset className="event-types">
          <legend>{t('admin.webhooks.events')}</legend>
          {(eventTypes.rows ?? []).map((ev) => (
            <label key={ev} className="check">
              <input type="checkbox" checked={events.includes(ev)} onChange={() => toggle(ev)} />
              <code>{ev}</code>
            </label>
          ))}
        </fieldset>
        {form.fieldError('eventTypes')}
      </AdminForm>
    </Section>
  );
}

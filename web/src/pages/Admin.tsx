import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey } from '../../../shared/contracts/identity.js';
import type { Calendar, CalendarDay, Policy } from '../../../shared/contracts/sla.js';
import { NATURES, PRIORITIES, ROLES } from '../../../shared/enums.js';
import { ApiError, api, type Department, type User } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { useAreaLabel } from '../components/Labels.js';
import { formatDateTime } from '../format.js';
import { currentLanguage } from '../i18n/index.js';
import { Link, useLocation } from '../router.js';
import { useSession } from '../session.js';
import { TriageSection, WebhooksSection } from './AdminAutomation.js';
import { CatalogSection } from './AdminCatalog.js';
import { ChannelsSection } from './AdminChannels.js';
import { TemplatesSection } from './AdminTemplates.js';
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

const SECTIONS = [
  'users',
  'departments',
  'sla',
  'calendars',
  'triage',
  'catalog',
  'channels',
  'apiKeys',
  'webhooks',
  'templates',
] as const;
type SectionName = (typeof SECTIONS)[number];

/** Administration (admins only): users, departments, SLA policies, calendars, triage rules, API keys, webhooks. */
export default function AdminPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { search } = useLocation();
  const raw = search.get('section');
  const section: SectionName = SECTIONS.includes(raw as SectionName) ? (raw as SectionName) : 'users';

  if (user?.role !== 'admin') {
    return (
      <div className="panel" role="alert">
        {t('admin.forbidden')}
      </div>
    );
  }
  return (
    <div className="admin">
      <h1>{t('admin.title')}</h1>
      <nav className="tabs" aria-label={t('admin.title')}>
        {SECTIONS.map((s) => (
          <Link key={s} to={`/admin?section=${s}`} aria-current={s === section ? 'page' : undefined}>
            {t(`admin.section.${s}`)}
          </Link>
        ))}
      </nav>
      {section === 'users' ? <UsersSection /> : null}
      {section === 'departments' ? <DepartmentsSection /> : null}
      {section === 'sla' ? <PoliciesSection /> : null}
      {section === 'calendars' ? <CalendarsSection /> : null}
      {section === 'triage' ? <TriageSection /> : null}
      {section === 'catalog' ? <CatalogSection /> : null}
      {section === 'channels' ? <ChannelsSection /> : null}
      {section === 'apiKeys' ? <ApiKeysSection /> : null}
      {section === 'webhooks' ? <WebhooksSection /> : null}
      {section === 'templates' ? <TemplatesSection /> : null}
    </div>
  );
}

// ---------------------------------------------------------------- users

function UsersSection() {
  const { t } = useTranslation();
  const users = useAdminList<User>('/users?limit=200');
  const depts = useList<Department>('/departments');
  const form = useSubmit();
  const { rowAction } = users;
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<User['role']>('agent');
  const [departmentId, setDepartmentId] = useState('');

  const create = async () => {
    await api('POST', '/users', {
      body: { email, name, password, role, departmentId: departmentId || null },
    });
    setEmail('');
    setName('');
    setPassword('');
    users.reload();
  };
  const patch = (id: string, body: Record<string, unknown>) =>
    void rowAction.run(users.change('PATCH', `/users/${id}`, body));

  return (
    <Section title={t('admin.section.users')}>
      <ErrorMessage error={users.error ?? depts.error} />
      {rowAction.formError}
      <AdminTable
        testId="admin-users"
        headers={[
          t('admin.users.name'),
          t('admin.users.email'),
          t('admin.users.role'),
          t('admin.users.department'),
          t('admin.users.lastLogin'),
          t('admin.users.active'),
        ]}
      >
        {(users.rows ?? []).map((u) => (
          <tr key={u.id} data-email={u.email}>
            <td>{u.name}</td>
            <td>{u.email}</td>
            <td>
              <select
                aria-label={t('admin.users.roleOf', { name: u.name })}
                value={u.role}
                onChange={(e) => patch(u.id, { role: e.target.value })}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <select
                aria-label={t('admin.users.departmentOf', { name: u.name })}
                value={u.departmentId ?? ''}
                onChange={(e) => patch(u.id, { departmentId: e.target.value || null })}
              >
                <option value="">{t('app.none')}</option>
                {(depts.rows ?? []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {deptName(d)}
                  </option>
                ))}
              </select>
            </td>
            <td className="nowrap">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('app.none')}</td>
            <td>
              <ActionButton
                submit={rowAction}
                disabled={rowAction.busy}
                action={users.change('PATCH', `/users/${u.id}`, { active: !u.active })}
              >
                {u.active ? t('admin.users.deactivate') : t('admin.users.reactivate')}
              </ActionButton>
            </td>
          </tr>
        ))}
      </AdminTable>
      <AdminForm
        title={t('admin.users.create')}
        form={form}
        action={create}
        submitLabel={t('admin.users.createSubmit')}
      >
        <div className="grid2">
          <Field label={t('admin.users.email')} error={form.fieldError('email')}>
            <input value={email} onChange={(e) => setEmail(e.target.value)} type="email" />
          </Field>
          <Field label={t('admin.users.name')} error={form.fieldError('name')}>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label={t('admin.users.password')} error={form.fieldError('password')}>
            <input value={password} onChange={(e) => setPassword(e.target.value)} type="password" />
          </Field>
          <Field label={t('admin.users.role')}>
            <select value={role} onChange={(e) => setRole(e.target.value as User['role'])}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('admin.users.department')} error={form.fieldError('departmentId')}>
            <select value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
              <option value="">{t('app.none')}</option>
              {(depts.rows ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {deptName(d)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </AdminForm>
    </Section>
  );
}

// ---------------------------------------------------------------- departments

function DepartmentsSection() {
  const { t } = useTranslation();
  const areaLabel = useAreaLabel();
  const depts = useList<Department>('/departments');
  const form = useSubmit();
  const [code, setCode] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const create = async () => {
    await api('POST', '/departments', { body: { code, nameZh, nameEn } });
    setCode('');
    setNameZh('');
    setNameEn('');
    depts.reload();
  };
  return (
    <Section title={t('admin.section.departments')}>
      <ErrorMessage error={depts.error} />
      <AdminTable
        testId="admin-departments"
        headers={[
          t('admin.departments.code'),
          t('admin.departments.nameZh'),
          t('admin.departments.nameEn'),
          t('admin.departments.areas'),
        ]}
      >
        {(depts.rows ?? []).map((d) => (
          <tr key={d.id}>
            <td>{d.code}</td>
            <td>{d.nameZh}</td>
            <td>{d.nameEn}</td>
            <td>{d.businessAreas.map((a) => areaLabel(a)).join('、')}</td>
          </tr>
        ))}
      </AdminTable>
      <AdminForm
        title={t('admin.departments.create')}
        form={form}
        action={create}
        submitLabel={t('admin.departments.createSubmit')}
      >
        <div className="grid2">
          <Field label={t('admin.departments.code')} error={form.fieldError('code')}>
            <input value={code} onChange={(e) => setCode(e.target.value)} />
          </Field>
          <Field label={t('admin.departments.nameZh')} error={form.fieldError('nameZh')}>
            <input value={nameZh} onChange={(e) => setNameZh(e.target.value)} />
          </Field>
          <Field label={t('admin.departments.nameEn')} error={form.fieldError('nameEn')}>
            <input value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
          </Field>
        </div>
      </AdminForm>
    </Section>
  );
}

// ---------------------------------------------------------------- SLA policies

function PolicyRow({
  policy,
  calendars,
  onSaved,
}: {
  policy: Policy;
  calendars: Calendar[];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const save = useSubmit();
  const [first, setFirst] = useState(String(policy.firstResponseMinutes));
  const [resolution, setResolution] = useState(String(policy.resolutionMinutes));
  const [atRisk, setAtRisk] = useState(String(policy.atRiskPercent));
  const cal = calendars.find((c) => c.id === policy.calendarId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(async () => {
      await api('PATCH', `/sla/policies/${policy.id}`, {
        body: {
          firstResponseMinutes: Number(first),
          resolutionMinutes: Number(resolution),
          atRiskPercent: Number(atRisk),
        },
      });
      onSaved();
    });
  };
  const formId = `policy-${policy.id}`;
  return (
    <tr data-testid="policy-row" data-name={policy.name}>
      <td>{policy.name}</td>
      <td>{t(`priority.${policy.priority}`)}</td>
      <td>{policy.nature === '*' ? t('admin.sla.anyNature') : t(`nature.${policy.nature}`)}</td>
      <td>{cal?.name ?? t('app.none')}</td>
      <td>
        <input
          form={formId}
          className="num"
          type="number"
          min={1}
          aria-label={t('admin.sla.firstResponseOf', { name: policy.name })}
          value={first}
          onChange={(e) => setFirst(e.target.value)}
        />
        {save.fieldError('firstResponseMinutes')}
      </td>
      <td>
        <input
          form={formId}
          className="num"
          type="number"
          min={1}
          aria-label={t('admin.sla.resolutionOf', { name: policy.name })}
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
        />
        {save.fieldError('resolutionMinutes')}
      </td>
      <td>
        <input
          form={formId}
          className="num"
          type="number"
          min={1}
          max={99}
          aria-label={t('admin.sla.atRiskOf', { name: policy.name })}
          value={atRisk}
          onChange={(e) => setAtRisk(e.target.value)}
        />
        {save.fieldError('atRiskPercent')}
      </td>
      <td>
        <form id={formId} onSubmit={submit}>
          <button type="submit" className="link" disabled={save.busy}>
            {t('admin.save')}
          </button>
        </form>
        {save.formError}
      </td>
    </tr>
  );
}

function PoliciesSection() {
  const { t } = useTranslation();
  const policies = useList<Policy>('/sla/policies');
  const calendars = useList<Calendar>('/sla/calendars');
  const form = useSubmit();
  const [name, setName] = useState('');
  const [priority, setPriority] = useState<Policy['priority']>('urgent');
  const [nature, setNature] = useState<Policy['nature']>('complaint');
  const [calendarId, setCalendarId] = useState('');
  const [first, setFirst] = useState('60');
  const [resolution, setResolution] = useState('480');
  const [atRisk, setAtRisk] = useState('80');
  const [pausable, setPausable] = useState(false);
  const defaultCalendar = calendars.rows?.find((c) => c.isDefault)?.id ?? calendars.rows?.[0]?.id ?? '';

  const create = async () => {
    await api('POST', '/sla/policies', {
      body: {
        name,
        priority,
        nature,
        calendarId: calendarId || defaultCalendar,
        firstResponseMinutes: Number(first),
        resolutionMinutes: Number(resolution),
        atRiskPercent: Number(atRisk),
        pausable,
      },
    });
    setName('');
    policies.reload();
  };

  return (
    <Section title={t('admin.section.sla')}>
      <p className="muted">{t('admin.sla.intro')}</p>
      <ErrorMessage error={policies.error ?? calendars.error} />
      <AdminTable
        testId="admin-policies"
        headers={[
          t('admin.sla.name'),
          t('admin.sla.priority'),
          t('admin.sla.nature'),
          t('admin.sla.calendar'),
          t('admin.sla.firstResponse'),
          t('admin.sla.resolution'),
          t('admin.sla.atRisk'),
          '',
        ]}
      >
        {(policies.rows ?? []).map((p) => (
          <PolicyRow
            key={`${p.id}-${p.updatedAt}`}
            policy={p}
            calendars={calendars.rows ?? []}
            onSaved={policies.reload}
          />
        ))}
      </AdminTable>
      <AdminForm
        title={t('admin.sla.create')}
        form={form}
        action={create}
        submitLabel={t('admin.sla.createSubmit')}
      >
        <div className="grid2">
          <Field label={t('admin.sla.name')} error={form.fieldError('name')}>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={Boolean(form.fields.name)}
            />
          </Field>
          <Field label={t('admin.sla.priority')}>
            <select value={priority} onChange={(e) => setPriority(e.target.value as Policy['priority'])}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('admin.sla.nature')}>
            <select value={nature} onChange={(e) => setNature(e.target.value as Policy['nature'])}>
              <option value="*">{t('admin.sla.anyNature')}</option>
              {NATURES.map((n) => (
                <option key={n} value={n}>
                  {t(`nature.${n}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('admin.sla.calendar')} error={form.fieldError('calendarId')}>
            <select value={calendarId || defaultCalendar} onChange={(e) => setCalendarId(e.target.value)}>
              {(calendars.rows ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('admin.sla.firstResponseMinutes')} error={form.fieldError('firstResponseMinutes')}>
            <input type="number" min={1} value={first} onChange={(e) => setFirst(e.target.value)} />
          </Field>
          <Field label={t('admin.sla.resolutionMinutes')} error={form.fieldError('resolutionMinutes')}>
            <input type="number" min={1} value={resolution} onChange={(e) => setResolution(e.target.value)} />
          </Field>
          <Field label={t('admin.sla.atRiskPercent')} error={form.fieldError('atRiskPercent')}>
            <input
              type="number"
              min={1}
              max={99}
              value={atRisk}
              onChange={(e) => setAtRisk(e.target.value)}
            />
          </Field>
          <label className="check">
            <input type="checkbox" checked={pausable} onChange={(e) => setPausable(e.target.checked)} />
            {t('admin.sla.pausable')}
          </label>
        </div>
      </AdminForm>
    </Section>
  );
}

// ---------------------------------------------------------------- calendars

function CalendarsSection() {
  const { t } = useTranslation();
  const calendars = useList<Calendar>('/sla/calendars');
  const [chosen, setChosen] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const calendarId = chosen || calendars.rows?.find((c) => c.isDefault)?.id || calendars.rows?.[0]?.id || '';
  const [days, setDays] = useState<CalendarDay[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const form = useSubmit();
  const remove = useSubmit();
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<CalendarDay['kind']>('holiday');
  const [name, setName] = useState('');
  const [nameEn, setNameEn] = useState('');

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload
  useEffect(() => {
    if (!calendarId || !/^\d{4}$/.test(year)) return;
    const ctl = new AbortController();
    api<{ data: Calendar & { days: CalendarDay[] } }>('GET', `/sla/calendars/${calendarId}`, {
      query: { from: `${year}-01-01`, to: `${year}-12-31` },
      signal: ctl.signal,
    })
      .then((r) => {
        setDays(r.data.days);
        setLoadError(null);
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException)) setLoadError(e);
      });
    return () => ctl.abort();
  }, [calendarId, year, tick]);

  const add = async () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new ApiError(400, 'validation_failed', t('admin.calendars.dateRequired'), [
        { path: 'date', message: t('admin.calendars.dateRequired') },
      ]);
    }
    await api('PUT', `/sla/calendars/${calendarId}/days/${date}`, {
      body: { kind, name, ...(nameEn.trim() ? { nameEn: nameEn.trim() } : {}) },
    });
    setYear(date.slice(0, 4));
    setName('');
    setNameEn('');
    setTick((n) => n + 1);
  };

  const cal = calendars.rows?.find((c) => c.id === calendarId);
  return (
    <Section title={t('admin.section.calendars')}>
      <p className="muted">{t('admin.calendars.intro')}</p>
      <ErrorMessage error={calendars.error ?? loadError} />
      {remove.formError}
      <div className="row">
        <Field label={t('admin.calendars.calendar')}>
          <select value={calendarId} onChange={(e) => setChosen(e.target.value)}>
            {(calendars.rows ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.isDefault ? ` (${t('admin.calendars.default')})` : ''}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('admin.calendars.year')}>
          <input className="num" type="number" value={year} onChange={(e) => setYear(e.target.value)} />
        </Field>
        {cal ? <span className="muted">{t('admin.calendars.zone', { zone: cal.timeZone })}</span> : null}
      </div>
      <AdminTable
        testId="calendar-days"
        headers={[t('admin.calendars.date'), t('admin.calendars.kind'), t('admin.calendars.name'), '']}
        empty={days && days.length === 0 ? t('admin.calendars.noDays') : null}
      >
        {(days ?? []).map((d) => (
          <tr key={d.date} data-date={d.date} data-kind={d.kind}>
            <td className="nowrap">{d.date}</td>
            <td>{t(`admin.calendars.${d.kind}`)}</td>
            <td>{currentLanguage() === 'en' && d.nameEn ? d.nameEn : d.name}</td>
            <td>
              <RemoveButton
                submit={remove}
                label={t('admin.calendars.removeDay', { date: d.date })}
                disabled={remove.busy}
                action={async () => {
                  await api('DELETE', `/sla/calendars/${calendarId}/days/${d.date}`);
                  setTick((n) => n + 1);
                }}
              />
            </td>
          </tr>
        ))}
      </AdminTable>
      <AdminForm
        title={t('admin.calendars.add')}
        form={form}
        action={add}
        submitLabel={t('admin.calendars.addSubmit')}
        submitDisabled={!calendarId}
      >
        <div className="grid2">
          <Field label={t('admin.calendars.date')} error={form.fieldError('date')}>
            <input
              type="date"
              value={date}
              aria-invalid={Boolean(form.fields.date)}
              onChange={(e) => setDate(e.target.value)}
            />
          </Field>
          <Field label={t('admin.calendars.kind')}>
            <select value={kind} onChange={(e) => setKind(e.target.value as CalendarDay['kind'])}>
              <option value="holiday">{t('admin.calendars.holiday')}</option>
              <option value="workday">{t('admin.calendars.workday')}</option>
            </select>
          </Field>
          <Field label={t('admin.calendars.nameZh')} error={form.fieldError('name')}>
            <input
              value={name}
              aria-invalid={Boolean(form.fields.name)}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          <Field label={t('admin.calendars.nameEn')} error={form.fieldError('nameEn')}>
            <input value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
          </Field>
        </div>
      </AdminForm>
    </Section>
  );
}

// ---------------------------------------------------------------- API keys

function ApiKeysSection() {
  const { t } = useTranslation();
  const keys = useAdminList<ApiKey>('/api-keys');
  const form = useSubmit();
  const revoke = keys.rowAction;
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiKey['role']>('agent');
  const [created, setCreated] = useState<string | null>(null);
  const create = async () => {
    const res = await api<{ data: ApiKey & { key: string } }>('POST', '/api-keys', {
      body: { name, role },
    });
    setCreated(res.data.key);
    setName('');
    keys.reload();
  };
  return (
    <Section title={t('admin.section.apiKeys')}>
      <ErrorMessage error={keys.error} />
      {revoke.formError}
      {created ? (
        <div className="alert info" data-testid="new-api-key">
          <p>{t('admin.apiKeys.shownOnce')}</p>
          <code className="secret">{created}</code>
        </div>
      ) : null}
      <AdminTable
        testId="admin-api-keys"
        headers={[
          t('admin.apiKeys.name'),
          t('admin.apiKeys.prefix'),
          t('admin.apiKeys.role'),
          t('admin.apiKeys.lastUsed'),
          '',
        ]}
      >
        {(keys.rows ?? []).map((k) => (
          <tr key={k.id} data-name={k.name}>
            <td>{k.name}</td>
            <td>
              <code>{k.prefix}…</code>
            </td>
            <td>{t(`role.${k.role}`)}</td>
            <td className="nowrap">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('app.none')}</td>
            <td>
              {k.revokedAt ? (
                <span className="muted">{t('admin.apiKeys.revoked')}</span>
              ) : (
                <ActionButton
                  submit={revoke}
                  disabled={revoke.busy}
                  action={keys.change('DELETE', `/api-keys/${k.id}`)}
                >
                  {t('admin.apiKeys.revoke')}
                </ActionButton>
              )}
            </td>
          </tr>
        ))}
      </AdminTable>
      <AdminForm
        title={t('admin.apiKeys.create')}
        form={form}
        action={create}
        submitLabel={t('admin.apiKeys.createSubmit')}
      >
        <div className="grid2">
          <Field label={t('admin.apiKeys.name')} error={form.fieldError('name')}>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label={t('admin.apiKeys.role')}>
            <select value={role} onChange={(e) => setRole(e.target.value as ApiKey['role'])}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </AdminForm>
    </Section>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagNode } from '../../../shared/contracts/feedback.js';
import { api, type Department } from '../api.js';
import { type BusinessArea, invalidateBusinessAreas } from '../business-areas.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { currentLanguage } from '../i18n/index.js';
import { deptName, Section, useList, useSubmit } from './admin-kit.js';

/** Categories & tags (业务分类与标签): the business-area catalogue and the tag tree. */
export function CatalogSection() {
  return (
    <>
      <BusinessAreasSection />
      <TagTreeSection />
    </>
  );
}

// ---------------------------------------------------------------- business areas

function BusinessAreasSection() {
  const { t } = useTranslation();
  const areas = useList<BusinessArea>('/business-areas');
  const depts = useList<Department>('/departments');
  const form = useSubmit();
  const [code, setCode] = useState('');
  const [labelZh, setLabelZh] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const changed = () => {
    areas.reload();
    depts.reload();
    invalidateBusinessAreas();
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void form.run(async () => {
      await api('POST', '/business-areas', { body: { code: code.trim(), labelZh, labelEn } });
      setCode('');
      setLabelZh('');
      setLabelEn('');
      changed();
    });
  };
  return (
    <Section title={t('admin.catalog.areas')}>
      <p className="muted">{t('admin.catalog.areasHint')}</p>
      <ErrorMessage error={areas.error ?? depts.error} />
      <div className="table-wrap">
        <table className="items" data-testid="admin-areas">
          <thead>
            <tr>
              <th>{t('admin.catalog.code')}</th>
              <th>{t('admin.catalog.labelZh')}</th>
              <th>{t('admin.catalog.labelEn')}</th>
              <th>{t('admin.catalog.sortOrder')}</th>
              <th>{t('admin.catalog.departments')}</th>
              <th>{t('admin.catalog.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(areas.rows ?? []).map((a) => (
              <AreaRow key={a.code} area={a} departments={depts.rows ?? []} onChanged={changed} />
            ))}
          </tbody>
        </table>
      </div>
      <form className="admin-form" onSubmit={create} noValidate data-testid="area-create">
        <h3>{t('admin.catalog.createArea')}</h3>
        {form.formError}
        <div className="grid2">
          <label>
            {t('admin.catalog.code')}
            <input
              aria-invalid={Boolean(form.fields.code)}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              placeholder="membership"
            />
            {form.fieldError('code')}
          </label>
          <label>
            {t('admin.catalog.labelZh')}
            <input
              aria-invalid={Boolean(form.fields.labelZh)}
              value={labelZh}
              onChange={(e) => setLabelZh(e.target.value)}
            />
            {form.fieldError('labelZh')}
          </label>
          <label>
            {t('admin.catalog.labelEn')}
            <input
              aria-invalid={Boolean(form.fields.labelEn)}
              value={labelEn}
              onChange={(e) => setLabelEn(e.target.value)}
            />
            {form.fieldError('labelEn')}
          </label>
        </div>
        <button type="submit" className="primary" disabled={form.busy}>
          {t('admin.catalog.createAreaSubmit')}
        </button>
      </form>
    </Section>
  );
}

function AreaRow({
  area,
  departments,
  onChanged,
}: {
  area: BusinessArea;
  departments: Department[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const save = useSubmit();
  const action = useSubmit();
  const [labelZh, setLabelZh] = useState(area.labelZh);
  const [labelEn, setLabelEn] = useState(area.labelEn);
  const [sortOrder, setSortOrder] = useState(String(area.sortOrder));
  const [editDepts, setEditDepts] = useState(false);
  const label = currentLanguage() === 'zh-CN' ? area.labelZh : area.labelEn;
  const formId = `area-${area.code}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(async () => {
      await api('PATCH', `/business-areas/${encodeURIComponent(area.code)}`, {
        body: { labelZh, labelEn, sortOrder: Number(sortOrder) },
      });
      onChanged();
    });
  };
  const setActive = (active: boolean) =>
    void action.run(async () => {
      await api('PATCH', `/business-areas/${encodeURIComponent(area.code)}`, { body: { active } });
      onChanged();
    });
  const remove = () =>
    void action.run(async () => {
      await api('DELETE', `/business-areas/${encodeURIComponent(area.code)}`);
      onChanged();
    });
  const toggleDept = (d: Department, on: boolean) =>
    void action.run(async () => {
      const businessAreas = on
        ? [...d.businessAreas, area.code]
        : d.businessAreas.filter((c) => c !== area.code);
      await api('PATCH', `/departments/${d.id}`, { body: { businessAreas } });
      onChanged();
    });
  return (
    <tr data-testid="area-row" data-code={area.code} className={area.active ? undefined : 'muted'}>
      <td>
        <code>{area.code}</code>
        <form id={formId} onSubmit={submit} noValidate />
      </td>
      <td>
        <input
          aria-invalid={Boolean(save.fields.labelZh)}
          form={formId}
          aria-label={t('admin.catalog.labelZhOf', { name: label })}
          value={labelZh}
          onChange={(e) => setLabelZh(e.target.value)}
        />
        {save.fieldError('labelZh')}
      </td>
      <td>
        <input
          aria-invalid={Boolean(save.fields.labelEn)}
          form={formId}
          aria-label={t('admin.catalog.labelEnOf', { name: label })}
          value={labelEn}
          onChange={(e) => setLabelEn(e.target.value)}
        />
        {save.fieldError('labelEn')}
      </td>
      <td>
        <input
          aria-invalid={Boolean(save.fields.sortOrder)}
          form={formId}
          className="num"
          type="number"
          min={0}
          aria-label={t('admin.catalog.sortOrderOf', { name: label })}
          value={sortOrder}
          onChange={(e) => setSortOrder(e.target.value)}
        />
        {save.fieldError('sortOrder')}
      </td>
      <td data-testid="area-departments">
        {area.departments.length
          ? area.departments.map((d) => (currentLanguage() === 'zh-CN' ? d.nameZh : d.nameEn)).join('、')
          : t('app.none')}{' '}
        <button type="button" className="link" onClick={() => setEditDepts((v) => !v)}>
          {editDepts ? t('admin.cancel') : t('admin.catalog.chooseDepartments')}
        </button>
        {editDepts ? (
          <fieldset className="area-depts">
            <legend>{t('admin.catalog.departmentsOf', { name: label })}</legend>
            {departments.map((d) => (
              <label key={d.id} className="check">
                <input
                  type="checkbox"
                  checked={d.businessAreas.includes(area.code)}
                  disabled={action.busy}
                  onChange={(e) => toggleDept(d, e.target.checked)}
                />{' '}
                {deptName(d)}
              </label>
            ))}
          </fieldset>
        ) : null}
      </td>
      <td className="nowrap">{area.active ? t('admin.catalog.active') : t('admin.catalog.inactive')}</td>
      <td>
        <span className="nowrap">
          <button type="submit" form={formId} disabled={save.busy}>
            {t('admin.save')}
          </button>{' '}
          <button type="button" disabled={action.busy} onClick={() => setActive(!area.active)}>
            {area.active ? t('admin.catalog.deactivate') : t('admin.catalog.activate')}
          </button>{' '}
          <button type="button" disabled={action.busy} onClick={remove}>
            {t('admin.remove')}
          </button>
        </span>
        {save.formError}
        {action.formError}
      </td>
    </tr>
  );
}

// ---------------------------------------------------------------- tag tree

function TagTreeSection() {
  const { t } = useTranslation();
  const tags = useList<TagNode>('/tags');
  const form = useSubmit();
  const [path, setPath] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const create = (e: FormEvent) => {
    e.preventDefault();
    void form.run(async () => {
      await api('POST', '/tags', { body: { path, ...(labelEn.trim() ? { labelEn } : {}) } });
      setPath('');
      setLabelEn('');
      tags.reload();
    });
  };
  return (
    <Section title={t('admin.catalog.tags')}>
      <p className="muted">{t('admin.catalog.tagsHint')}</p>
      <ErrorMessage error={tags.error} />
      {tags.rows && tags.rows.length === 0 ? <p className="muted">{t('admin.catalog.noTags')}</p> : null}
      <ul className="tag-tree" data-testid="tag-tree">
        {(tags.rows ?? []).map((n) => (
          <TagItem key={n.path} node={n} onChanged={tags.reload} />
        ))}
      </ul>
      <form className="admin-form" onSubmit={create} noValidate data-testid="tag-create">
        <h3>{t('admin.catalog.createTag')}</h3>
        {form.formError}
        <div className="grid2">
          <label>
            {t('admin.catalog.tagPath')}
            <input
              aria-invalid={Boolean(form.fields.path)}
              value={path}
              onChange={(e) => setPath(e.target.value)}
              placeholder="服务/排队时间"
            />
            {form.fieldError('path')}
          </label>
          <label>
            {t('admin.catalog.labelEn')}
            <input
              aria-invalid={Boolean(form.fields.labelEn)}
              value={labelEn}
              onChange={(e) => setLabelEn(e.target.value)}
            />
            {form.fieldError('labelEn')}
          </label>
        </div>
        <button type="submit" className="primary" disabled={form.busy}>
          {t('admin.catalog.createTagSubmit')}
        </button>
      </form>
    </Section>
  );
}

function TagItem({ node, onChanged }: { node: TagNode; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useSubmit();
  const [mode, setMode] = useState<'view' | 'edit' | 'child'>('view');
  const [name, setName] = useState(node.name);
  const [labelEn, setLabelEn] = useState(node.labelEn ?? '');
  const [childName, setChildName] = useState('');
  const [childLabel, setChildLabel] = useState('');
  const query = `?path=${encodeURIComponent(node.path)}`;
  const saveLabels = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await api('PATCH', `/tags${query}`, { body: { name, labelEn: labelEn.trim() ? labelEn : null } });
      setMode('view');
      onChanged();
    });
  };
  const addChild = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await api('POST', '/tags', {
        body: {
          path: `${node.path}/${childName.trim()}`,
          ...(childLabel.trim() ? { labelEn: childLabel } : {}),
        },
      });
      setChildName('');
      setChildLabel('');
      setMode('view');
      onChanged();
    });
  };
  const remove = () =>
    void action.run(async () => {
      await api('DELETE', `/tags${query}`);
      onChanged();
    });
  return (
    <li data-testid="tag-node" data-path={node.path}>
      <div className="tag-line">
        <strong>{node.name}</strong>
        {node.labelEn ? <span className="muted"> · {node.labelEn}</span> : null}{' '}
        <button type="button" className="link" onClick={() => setMode(mode === 'child' ? 'view' : 'child')}>
          {t('admin.catalog.addChild')}
        </button>{' '}
        <button type="button" className="link" onClick={() => setMode(mode === 'edit' ? 'view' : 'edit')}>
          {t('admin.edit')}
        </button>{' '}
        <button
          type="button"
          className="link"
          disabled={action.busy}
          onClick={remove}
          aria-label={t('admin.catalog.removeTag', { name: node.name })}
        >
          {t('admin.remove')}
        </button>
        {action.formError}
      </div>
      {mode === 'edit' ? (
        <form className="admin-form" onSubmit={saveLabels} noValidate>
          <label>
            {t('admin.catalog.tagName')}
            <input
              aria-invalid={Boolean(action.fields.name)}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            {action.fieldError('name')}
          </label>
          <label>
            {t('admin.catalog.labelEn')}
            <input
              aria-invalid={Boolean(action.fields.labelEn)}
              value={labelEn}
              onChange={(e) => setLabelEn(e.target.value)}
            />
            {action.fieldError('labelEn')}
          </label>
          <button type="submit" className="primary" disabled={action.busy}>
            {t('admin.save')}
          </button>
        </form>
      ) : null}
      {mode === 'child' ? (
        <form className="admin-form" onSubmit={addChild} noValidate>
          <label>
            {t('admin.catalog.childName', { parent: node.name })}
            <input
              aria-invalid={Boolean(action.fields.path)}
              value={childName}
              onChange={(e) => setChildName(e.target.value)}
            />
            {action.fieldError('path')}
          </label>
          <label>
            {t('admin.catalog.labelEn')}
            <input
              aria-invalid={Boolean(action.fields.labelEn)}
              value={childLabel}
              onChange={(e) => setChildLabel(e.target.value)}
            />
            {action.fieldError('labelEn')}
          </label>
          <button type="submit" className="primary" disabled={action.busy}>
            {t('admin.catalog.addChildSubmit')}
          </button>
        </form>
      ) : null}
      {node.children.length ? (
        <ul>
          {node.children.map((c) => (
            <TagItem key={c.path} node={c} onChanged={onChanged} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

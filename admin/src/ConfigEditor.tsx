// Editing the centre's configuration: a draft of the editable sections, saved as a whole. The hub
// checks it with the config file's own schema, applies it live and records it; what it refuses comes
// back as problems, each told in the page's language at its place on the page (config-text.ts).
import { deviceRoleSchema, type LocalizedText, type OperatorRole } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { failure } from './App.js';
import { ApiError, api, type Editable, type SaveResult } from './api.js';
import { changeText, problemText } from './config-text.js';
import { presenceText, printerText, type Snapshot } from './Monitor.js';

export type ConfigTab = 'services' | 'counters' | 'operators' | 'devices' | 'settings';

type Outcome = { kind: 'saved'; result: SaveResult } | { kind: 'refused'; problems: string[] } | null;
type Update = (change: (d: Editable) => Editable) => void;

interface EditorProps {
  tab: ConfigTab;
  locale: Locale;
  canEdit: boolean;
  onSaved: () => void;
}

export function ConfigEditor({ tab, locale, canEdit, onSaved }: EditorProps) {
  const [saved, setSaved] = useState<Editable | null>(null);
  const [draft, setDraft] = useState<Editable | null>(null);
  const [pins, setPins] = useState<Record<string, string>>({});
  const [resetSecrets, setResetSecrets] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api<Editable>('/config').then(
      (c) => {
        setSaved(c);
        setDraft(c);
        setPins({});
        setResetSecrets([]);
      },
      (e: unknown) => setError(failure(locale, e)),
    );
  }, [locale]);
  useEffect(() => {
    if (canEdit) load();
  }, [canEdit, load]);

  if (!canEdit) return <p className="admin-error">{locale.t('admin.adminOnly')}</p>;
  if (!draft) return <p>{error ?? locale.t('admin.loading')}</p>;
  const update: Update = (change) => setDraft((d) => d && change(d));
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved) || Object.keys(pins).length > 0 || resetSecrets.length > 0;

  const save = async () => {
    setOutcome(null);
    try {
      const result = await api<SaveResult>('/config', { method: 'PUT', body: { config: draft, pins, resetSecrets } });
      setOutcome({ kind: 'saved', result });
      load();
      onSaved();
    } catch (e) {
      const problems =
        e instanceof ApiError && e.problems.length ? e.problems.map((p) => problemText(p, draft, locale)) : [failure(locale, e)];
      setOutcome({ kind: 'refused', problems });
    }
  };

  return (
    <div className="editor">
      <div className="save-bar">
        <button type="button" className="primary" onClick={save} disabled={!dirty}>
          {locale.t('admin.save')}
        </button>
        <button type="button" onClick={load} disabled={!dirty}>
          {locale.t('admin.discard')}
        </button>
        {dirty && <span className="unsaved">{locale.t('admin.unsaved')}</span>}
        <a className="button-link" href="/api/admin/config.yaml" download>
          {locale.t('admin.downloadYaml')}
        </a>
      </div>
      {outcome?.kind === 'saved' && (
        <div role="status" className="saved">
          <p>
            {outcome.result.version === null
              ? locale.t('admin.noChanges')
              : locale.t('admin.saved', {
                  version: outcome.result.version,
                  changes: outcome.result.changes.map((c) => changeText(c, locale)).join('; '),
                })}
          </p>
          {Object.entries(outcome.result.secrets).map(([device, secret]) => (
            <p key={device} className="secret">
              {locale.t('admin.newSecret', { device, secret })}
            </p>
          ))}
        </div>
      )}
      {outcome?.kind === 'refused' && (
        <div role="alert" className="admin-error refused">
          <p>{locale.t('admin.refused')}</p>
          <ul>
            {outcome.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {tab === 'services' && <ServicesTab draft={draft} update={update} locale={locale} />}
      {tab === 'counters' && <CountersTab draft={draft} update={update} locale={locale} />}
      {tab === 'operators' && <OperatorsTab draft={draft} update={update} locale={locale} pins={pins} setPins={setPins} />}
      {tab === 'devices' && <DevicesTab draft={draft} update={update} locale={locale} reset={resetSecrets} setReset={setResetSecrets} />}
      {tab === 'settings' && <SettingsTab draft={draft} update={update} locale={locale} />}
    </div>
  );
}

interface TabProps {
  draft: Editable;
  update: Update;
  locale: Locale;
}

function patchAt<T>(list: readonly T[], i: number, patch: Partial<T>): T[] {
  return list.map((x, j) => (j === i ? { ...x, ...patch } : x));
}

function Table({
  title,
  head,
  children,
  onAdd,
  locale,
}: {
  title: string;
  head: string[];
  children: ReactNode;
  onAdd: () => void;
  locale: Locale;
}) {
  return (
    <section className="edit-section">
      <h2>{title}</h2>
      <div className="table-wrap">
        <table className="data edit">
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{locale.t('admin.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
      <button type="button" onClick={onAdd}>
        {locale.t('admin.add')}
      </button>
    </section>
  );
}

function Text({
  label,
  value,
  onChange,
  name,
  size,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  name?: string;
  size?: number;
}) {
  return <input aria-label={label} name={name} value={value} size={size} onChange={(e) => onChange(e.target.value)} />;
}

function NumberInput({ label, value, onChange }: { label: string; value: number; onChange: (v: number) => void }) {
  return (
    <input
      aria-label={label}
      type="number"
      value={Number.isFinite(value) ? value : ''}
      onChange={(e) => onChange(e.target.valueAsNumber)}
      className="num"
    />
  );
}

/** A list typed as text (`a, b` or `a:2, b`), read when the field is left. */
function ListInput({ label, value, onCommit }: { label: string; value: string; onCommit: (v: string) => void }) {
  return <input key={value} aria-label={label} defaultValue={value} onBlur={(e) => e.target.value !== value && onCommit(e.target.value)} />;
}

const splitList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function Names({
  text,
  languages,
  label,
  onChange,
  rowId,
}: {
  text: LocalizedText;
  languages: string[];
  label: (lang: string) => string;
  onChange: (t: LocalizedText) => void;
  rowId: string;
}) {
  return languages.map((lang) => (
    <td key={lang} className="name">
      <Text
        label={`${label(lang)} ${rowId}`}
        name={`name-${lang}`}
        value={text[lang] ?? ''}
        onChange={(v) => onChange({ ...text, [lang]: v })}
      />
    </td>
  ));
}

function Remove({ locale, onClick, what }: { locale: Locale; onClick: () => void; what: string }) {
  return (
    <td>
      <button type="button" className="remove" aria-label={`${locale.t('admin.remove')} ${what}`} onClick={onClick}>
        ✕
      </button>
    </td>
  );
}

function ServicesTab({ draft, update, locale }: TabProps) {
  const langs = draft.site.languages;
  const nameHead = langs.map((l) => locale.t('admin.field.name', { lang: l }));
  const nameLabel = (l: string) => locale.t('admin.field.name', { lang: l });
  return (
    <>
      <Table
        title={locale.t('admin.section.services')}
        locale={locale}
        head={[
          locale.t('admin.field.id'),
          locale.t('admin.field.group'),
          locale.t('admin.field.prefix'),
          ...nameHead,
          locale.t('admin.field.average'),
          locale.t('admin.field.active'),
        ]}
        onAdd={() =>
          update((d) => ({
            ...d,
            services: [
              ...d.services,
              { id: '', group: d.serviceGroups[0]?.id ?? '', prefix: '', names: {}, averageServiceMinutes: 10, active: true },
            ],
          }))
        }
      >
        {draft.services.map((s, i) => {
          const set = (patch: Partial<typeof s>) => update((d) => ({ ...d, services: patchAt(d.services, i, patch) }));
          return (
            <tr key={i} data-service={s.id}>
              <td>
                <Text label={`${locale.t('admin.field.id')} ${i + 1}`} value={s.id} onChange={(id) => set({ id })} size={18} />
              </td>
              <td>
                <select
                  aria-label={`${locale.t('admin.field.group')} ${s.id}`}
                  value={s.group}
                  onChange={(e) => set({ group: e.target.value })}
                >
                  {draft.serviceGroups.map((g) => (
                    <option key={g.id} value={g.id}>
                      {locale.name(g.names)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <Text
                  label={`${locale.t('admin.field.prefix')} ${s.id}`}
                  value={s.prefix}
                  onChange={(prefix) => set({ prefix })}
                  size={3}
                />
              </td>
              <Names text={s.names} languages={langs} label={nameLabel} rowId={s.id} onChange={(names) => set({ names })} />
              <td>
                <NumberInput
                  label={`${locale.t('admin.field.average')} ${s.id}`}
                  value={s.averageServiceMinutes}
                  onChange={(averageServiceMinutes) => set({ averageServiceMinutes })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${locale.t('admin.field.active')} ${s.id}`}
                  checked={s.active}
                  onChange={(e) => set({ active: e.target.checked })}
                />
              </td>
              <Remove
                locale={locale}
                what={s.id}
                onClick={() => update((d) => ({ ...d, services: d.services.filter((_, j) => j !== i) }))}
              />
            </tr>
          );
        })}
      </Table>
      <Table
        title={locale.t('admin.section.groups')}
        locale={locale}
        head={[locale.t('admin.field.id'), ...nameHead, locale.t('admin.field.parent')]}
        onAdd={() => update((d) => ({ ...d, serviceGroups: [...d.serviceGroups, { id: '', names: {} }] }))}
      >
        {draft.serviceGroups.map((g, i) => {
          const set = (patch: Partial<typeof g>) => update((d) => ({ ...d, serviceGroups: patchAt(d.serviceGroups, i, patch) }));
          return (
            <tr key={i} data-group={g.id}>
              <td>
                <Text label={`${locale.t('admin.field.id')} ${i + 1}`} value={g.id} onChange={(id) => set({ id })} size={18} />
              </td>
              <Names text={g.names} languages={langs} label={nameLabel} rowId={g.id} onChange={(names) => set({ names })} />
              <td>
                <select
                  aria-label={`${locale.t('admin.field.parent')} ${g.id}`}
                  value={g.parent ?? ''}
                  onChange={(e) => set({ parent: e.target.value || undefined })}
                >
                  <option value="">{locale.t('admin.none')}</option>
                  {draft.serviceGroups
                    .filter((x) => x.id !== g.id)
                    .map((x) => (
                      <option key={x.id} value={x.id}>
                        {locale.name(x.names)}
                      </option>
                    ))}
                </select>
              </td>
              <Remove
                locale={locale}
                what={g.id}
                onClick={() => update((d) => ({ ...d, serviceGroups: d.serviceGroups.filter((_, j) => j !== i) }))}
              />
            </tr>
          );
        })}
      </Table>
    </>
  );
}

function CountersTab({ draft, update, locale }: TabProps) {
  const langs = draft.site.languages;
  const nameLabel = (l: string) => locale.t('admin.field.name', { lang: l });
  return (
    <>
      <Table
        title={locale.t('admin.section.counters')}
        locale={locale}
        head={[locale.t('admin.field.id'), locale.t('admin.field.window'), locale.t('admin.field.zone'), locale.t('admin.field.services')]}
        onAdd={() =>
          update((d) => ({
            ...d,
            counters: [
              ...d.counters,
              { id: '', window: Math.max(0, ...d.counters.map((k) => k.window)) + 1, zone: d.zones[0]?.id ?? '', services: [] },
            ],
          }))
        }
      >
        {draft.counters.map((k, i) => {
          const set = (patch: Partial<typeof k>) => update((d) => ({ ...d, counters: patchAt(d.counters, i, patch) }));
          return (
            <tr key={i} data-counter={k.id}>
              <td>
                <Text label={`${locale.t('admin.field.id')} ${i + 1}`} value={k.id} onChange={(id) => set({ id })} size={8} />
              </td>
              <td>
                <NumberInput label={`${locale.t('admin.field.window')} ${k.id}`} value={k.window} onChange={(window) => set({ window })} />
              </td>
              <td>
                <select
                  aria-label={`${locale.t('admin.field.zone')} ${k.id}`}
                  value={k.zone}
                  onChange={(e) => set({ zone: e.target.value })}
                >
                  {draft.zones.map((z) => (
                    <option key={z.id} value={z.id}>
                      {locale.name(z.names)}
                    </option>
                  ))}
                </select>
              </td>
              <td className="wide">
                <ListInput
                  label={`${locale.t('admin.field.services')} ${k.id}`}
                  value={k.services.map((s) => (s.weight === 1 ? s.service : `${s.service}:${s.weight}`)).join(', ')}
                  onCommit={(v) =>
                    set({
                      services: splitList(v).map((item) => {
                        const [service = '', weight] = item.split(':').map((x) => x.trim());
                        return { service, weight: weight ? Number(weight) : 1 };
                      }),
                    })
                  }
                />
              </td>
              <Remove
                locale={locale}
                what={k.id}
                onClick={() => update((d) => ({ ...d, counters: d.counters.filter((_, j) => j !== i) }))}
              />
            </tr>
          );
        })}
      </Table>
      <Table
        title={locale.t('admin.section.zones')}
        locale={locale}
        head={[locale.t('admin.field.id'), ...langs.map(nameLabel)]}
        onAdd={() => update((d) => ({ ...d, zones: [...d.zones, { id: '', names: {} }] }))}
      >
        {draft.zones.map((z, i) => {
          const set = (patch: Partial<typeof z>) => update((d) => ({ ...d, zones: patchAt(d.zones, i, patch) }));
          return (
            <tr key={i} data-zone={z.id}>
              <td>
                <Text label={`${locale.t('admin.field.id')} ${i + 1}`} value={z.id} onChange={(id) => set({ id })} size={12} />
              </td>
              <Names text={z.names} languages={langs} label={nameLabel} rowId={z.id} onChange={(names) => set({ names })} />
              <Remove locale={locale} what={z.id} onClick={() => update((d) => ({ ...d, zones: d.zones.filter((_, j) => j !== i) }))} />
            </tr>
          );
        })}
      </Table>
    </>
  );
}

const ROLES: OperatorRole[] = ['operator', 'registrar', 'supervisor', 'admin'];

function OperatorsTab({
  draft,
  update,
  locale,
  pins,
  setPins,
}: TabProps & { pins: Record<string, string>; setPins: (p: Record<string, string>) => void }) {
  return (
    <Table
      title={locale.t('admin.tab.operators')}
      locale={locale}
      head={[
        locale.t('admin.field.username'),
        locale.t('admin.field.fullName'),
        locale.t('admin.field.roles'),
        locale.t('admin.field.counters'),
        locale.t('admin.field.newPin'),
      ]}
      onAdd={() => update((d) => ({ ...d, operators: [...d.operators, { username: '', name: '', roles: ['operator'], counters: [] }] }))}
    >
      {draft.operators.map((o, i) => {
        const set = (patch: Partial<typeof o>) => update((d) => ({ ...d, operators: patchAt(d.operators, i, patch) }));
        return (
          <tr key={i} data-operator={o.username}>
            <td>
              <Text
                label={`${locale.t('admin.field.username')} ${i + 1}`}
                value={o.username}
                onChange={(username) => set({ username })}
                size={10}
              />
            </td>
            <td>
              <Text label={`${locale.t('admin.field.fullName')} ${o.username}`} value={o.name} onChange={(name) => set({ name })} />
            </td>
            <td className="roles">
              {ROLES.map((r) => (
                <label key={r}>
                  <input
                    type="checkbox"
                    checked={o.roles.includes(r)}
                    onChange={(e) => set({ roles: e.target.checked ? [...o.roles, r] : o.roles.filter((x) => x !== r) })}
                  />
                  {r}
                </label>
              ))}
            </td>
            <td>
              <ListInput
                label={`${locale.t('admin.field.counters')} ${o.username}`}
                value={o.counters.join(', ')}
                onCommit={(v) => set({ counters: splitList(v) })}
              />
            </td>
            <td>
              <input
                aria-label={`${locale.t('admin.field.newPin')} ${o.username}`}
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                size={8}
                value={pins[o.username] ?? ''}
                onChange={(e) => {
                  const { [o.username]: _old, ...rest } = pins;
                  setPins(e.target.value ? { ...rest, [o.username]: e.target.value } : rest);
                }}
              />
            </td>
            <Remove
              locale={locale}
              what={o.username}
              onClick={() => update((d) => ({ ...d, operators: d.operators.filter((_, j) => j !== i) }))}
            />
          </tr>
        );
      })}
    </Table>
  );
}

const DEVICE_ROLES = deviceRoleSchema.options;

function DevicesTab({ draft, update, locale, reset, setReset }: TabProps & { reset: string[]; setReset: (r: string[]) => void }) {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  useEffect(() => {
    api<Snapshot>('/monitor').then(setSnapshot, () => setSnapshot(null));
  }, []);
  return (
    <Table
      title={locale.t('admin.tab.devices')}
      locale={locale}
      head={[
        locale.t('admin.field.id'),
        locale.t('admin.field.role'),
        locale.t('admin.field.counter'),
        locale.t('admin.field.zone'),
        locale.t('admin.field.lastSeen'),
        locale.t('admin.field.printer'),
        locale.t('admin.field.resetSecret'),
      ]}
      onAdd={() => update((d) => ({ ...d, devices: [...d.devices, { id: '', role: 'kiosk' }] }))}
    >
      {draft.devices.map((dev, i) => {
        const set = (patch: Partial<typeof dev>) => update((d) => ({ ...d, devices: patchAt(d.devices, i, patch) }));
        const seen = snapshot?.devices.find((x) => x.id === dev.id);
        return (
          <tr key={i} data-device={dev.id}>
            <td>
              <Text label={`${locale.t('admin.field.id')} ${i + 1}`} value={dev.id} onChange={(id) => set({ id })} size={14} />
            </td>
            <td>
              <select
                aria-label={`${locale.t('admin.field.role')} ${dev.id}`}
                value={dev.role}
                onChange={(e) => set({ role: e.target.value as (typeof DEVICE_ROLES)[number] })}
              >
                {DEVICE_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <select
                aria-label={`${locale.t('admin.field.counter')} ${dev.id}`}
                value={dev.counter ?? ''}
                onChange={(e) => set({ counter: e.target.value || undefined })}
              >
                <option value="">{locale.t('admin.none')}</option>
                {draft.counters.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.id}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <select
                aria-label={`${locale.t('admin.field.zone')} ${dev.id}`}
                value={dev.zone ?? ''}
                onChange={(e) => set({ zone: e.target.value || undefined })}
              >
                <option value="">{locale.t('admin.none')}</option>
                {draft.zones.map((z) => (
                  <option key={z.id} value={z.id}>
                    {locale.name(z.names)}
                  </option>
                ))}
              </select>
            </td>
            <td>{seen ? presenceText(locale, seen.online, seen.lastSeen) : locale.t('admin.none')}</td>
            <td>{printerText(locale, seen?.printer?.printer ?? null)}</td>
            <td>
              <input
                type="checkbox"
                aria-label={`${locale.t('admin.field.resetSecret')} ${dev.id}`}
                checked={reset.includes(dev.id)}
                onChange={(e) => setReset(e.target.checked ? [...reset, dev.id] : reset.filter((x) => x !== dev.id))}
              />
            </td>
            <Remove locale={locale} what={dev.id} onClick={() => update((d) => ({ ...d, devices: d.devices.filter((_, j) => j !== i) }))} />
          </tr>
        );
      })}
    </Table>
  );
}

function SettingsTab({ draft, update, locale }: TabProps) {
  const langs = draft.site.languages;
  const q = draft.queue;
  const setQueue = (patch: Partial<typeof q>) => update((d) => ({ ...d, queue: { ...d.queue, ...patch } }));
  return (
    <>
      <section className="edit-section form-grid">
        <h2>{locale.t('admin.section.site')}</h2>
        {langs.map((l) => (
          <label key={l}>
            {locale.t('admin.field.siteName', { lang: l })}
            <input
              value={draft.site.name[l] ?? ''}
              onChange={(e) => update((d) => ({ ...d, site: { ...d.site, name: { ...d.site.name, [l]: e.target.value } } }))}
            />
          </label>
        ))}
        <div className="field">
          <span aria-hidden="true">{locale.t('admin.field.languages')}</span>
          <ListInput
            label={locale.t('admin.field.languages')}
            value={langs.join(', ')}
            onCommit={(v) => update((d) => ({ ...d, site: { ...d.site, languages: splitList(v) } }))}
          />
        </div>
        <label>
          {locale.t('admin.field.timezone')}
          <input value={draft.site.timezone} onChange={(e) => update((d) => ({ ...d, site: { ...d.site, timezone: e.target.value } }))} />
        </label>
      </section>
      <section className="edit-section form-grid">
        <h2>{locale.t('admin.section.queue')}</h2>
        <div className="field">
          <span aria-hidden="true">{locale.t('admin.field.ratioPriority')}</span>
          <NumberInput
            label={locale.t('admin.field.ratioPriority')}
            value={q.priorityRatio.priority}
            onChange={(priority) => setQueue({ priorityRatio: { ...q.priorityRatio, priority } })}
          />
        </div>
        <div className="field">
          <span aria-hidden="true">{locale.t('admin.field.ratioNormal')}</span>
          <NumberInput
            label={locale.t('admin.field.ratioNormal')}
            value={q.priorityRatio.normal}
            onChange={(normal) => setQueue({ priorityRatio: { ...q.priorityRatio, normal } })}
          />
        </div>
        <div className="field">
          <span aria-hidden="true">{locale.t('admin.field.targetWait')}</span>
          <NumberInput
            label={locale.t('admin.field.targetWait')}
            value={q.targetWaitMinutes}
            onChange={(targetWaitMinutes) => setQueue({ targetWaitMinutes })}
          />
        </div>
        <div className="field">
          <span aria-hidden="true">{locale.t('admin.field.maxWait')}</span>
          <NumberInput
            label={locale.t('admin.field.maxWait')}
            value={q.maxWaitMinutes}
            onChange={(maxWaitMinutes) => setQueue({ maxWaitMinutes })}
          />
        </div>
      </section>
      <Table
        title={locale.t('admin.section.priority')}
        locale={locale}
        head={[locale.t('admin.field.id'), ...langs.map((l) => locale.t('admin.field.name', { lang: l }))]}
        onAdd={() => setQueue({ priorityCategories: [...q.priorityCategories, { id: '', names: {} }] })}
      >
        {q.priorityCategories.map((p, i) => (
          <tr key={i}>
            <td>
              <Text
                label={`${locale.t('admin.field.id')} ${i + 1}`}
                value={p.id}
                onChange={(id) => setQueue({ priorityCategories: patchAt(q.priorityCategories, i, { id }) })}
              />
            </td>
            <Names
              text={p.names}
              languages={langs}
              label={(l) => locale.t('admin.field.name', { lang: l })}
              rowId={p.id}
              onChange={(names) => setQueue({ priorityCategories: patchAt(q.priorityCategories, i, { names }) })}
            />
            <Remove
              locale={locale}
              what={p.id}
              onClick={() => setQueue({ priorityCategories: q.priorityCategories.filter((_, j) => j !== i) })}
            />
          </tr>
        ))}
      </Table>
    </>
  );
}

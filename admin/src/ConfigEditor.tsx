// Editing the centre's configuration: a draft of the editable sections, saved as a whole. Before it is
// saved the hub says what it would do — the changes and the config file's lines (ConfigPreview.tsx) —
// then checks it with the config file's own schema, applies it live and records it; what it refuses
// comes back as problems, each told in the page's language at its place on the page (config-text.ts).
import {
  ApiError,
  type ConfigSaved,
  callApi,
  deviceRoleSchema,
  type EditableConfig,
  httpApi,
  type LocalizedText,
  type MonitorSnapshot,
  type OperatorRole,
} from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { ConfigPreview } from './ConfigPreview.js';
import { changeText, problemText } from './config-text.js';
import { failure } from './failure.js';
import { presenceText, printerText } from './Monitor.js';

export type ConfigTab = 'services' | 'counters' | 'operators' | 'devices' | 'settings';

type Outcome = { kind: 'saved'; result: ConfigSaved } | { kind: 'refused'; problems: string[] } | null;
type Update = (change: (d: EditableConfig) => EditableConfig) => void;

interface EditorProps {
  tab: ConfigTab;
  locale: Locale;
  canEdit: boolean;
  onSaved: () => void;
}

export function ConfigEditor({ tab, locale, canEdit, onSaved }: EditorProps) {
  const [saved, setSaved] = useState<EditableConfig | null>(null);
  const [draft, setDraft] = useState<EditableConfig | null>(null);
  const [pins, setPins] = useState<Record<string, string>>({});
  const [resetSecrets, setResetSecrets] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  /** The dry run being looked at before saving: what the draft would change. */
  const [preview, setPreview] = useState<ConfigSaved | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    callApi(httpApi.adminConfig, {}).then(
      (c) => {
        setSaved(c);
        setDraft(c);
        setPins({});
        setResetSecrets([]);
        setPreview(null);
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

  const refused = (e: unknown) => {
    const problems =
      e instanceof ApiError && e.problems.length ? e.problems.map((p) => problemText(p, draft, locale)) : [failure(locale, e)];
    setOutcome({ kind: 'refused', problems });
  };
  const review = async () => {
    setOutcome(null);
    try {
      const result = await callApi(httpApi.adminConfigSave, { body: { config: draft, pins, resetSecrets, dryRun: true } });
      if (result.changes.length) setPreview(result);
      else setOutcome({ kind: 'saved', result });
    } catch (e) {
      refused(e);
    }
  };
  const save = async () => {
    // The file as the preview showed it: the hub refuses the save if it changed since.
    const base = preview?.base ?? undefined;
    setPreview(null);
    setOutcome(null);
    try {
      const result = await callApi(httpApi.adminConfigSave, { body: { config: draft, pins, resetSecrets, base } });
      setOutcome({ kind: 'saved', result });
      load();
      onSaved();
    } catch (e) {
      refused(e);
    }
  };

  return (
    <div className="editor">
      <div className="save-bar">
        <button type="button" className="primary" onClick={review} disabled={!dirty || !!preview}>
          {locale.t('admin.review')}
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
      {preview ? (
        <ConfigPreview preview={preview} locale={locale} onConfirm={save} onBack={() => setPreview(null)} />
      ) : (
        <>
          {tab === 'services' && <ServicesTab draft={draft} update={update} locale={locale} />}
          {tab === 'counters' && <CountersTab draft={draft} update={update} locale={locale} />}
          {tab === 'operators' && <OperatorsTab draft={draft} update={update} locale={locale} pins={pins} setPins={setPins} />}
          {tab === 'devices' && (
            <DevicesTab draft={draft} update={update} locale={locale} reset={resetSecrets} setReset={setResetSecrets} />
          )}
          {tab === 'settings' && <SettingsTab draft={draft} update={update} locale={locale} />}
        </>
      )}
    </div>
  );
}

interface TabProps {
  draft: EditableConfig;
  update: Update;
  locale: Locale;
}

function patchAt<T>(list: readonly T[], i: number, patch: Partial<T>): T[] {
  return list.map((x, j) => (j === i ? { ...x, ...patch } : x));
}

/**
 * One list of the config as a table: a row per item, Add appends `blank()`, ✕ removes the row.
 * `change` applies a change of the list to the draft; `row` draws an item's cells, `set` patching it.
 */
function ListTable<T>({
  title,
  head,
  items,
  change,
  blank,
  name,
  rowAttribute,
  row,
  locale,
  rowLabel = name,
}: {
  title: string;
  head: string[];
  items: readonly T[];
  // The type of an item is the list's: what `blank` makes must fit it, not widen it.
  change: (next: (items: NoInfer<T>[]) => NoInfer<T>[]) => void;
  blank: () => NoInfer<T>;
  /** The item's id: its `rowAttribute`, and its name on its Remove button unless `rowLabel` says otherwise. */
  name: (item: NoInfer<T>) => string;
  /** The item's name where its id alone would also name another table's row on the tab ("group consultation"). */
  rowLabel?: (item: NoInfer<T>) => string;
  /** `data-service` and the like: marks each row with the item's name, for tests and styles. */
  rowAttribute?: string;
  row: (item: NoInfer<T>, set: (patch: Partial<NoInfer<T>>) => void, i: number) => ReactNode;
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
          <tbody>
            {items.map((item, i) => (
              <tr key={i} {...(rowAttribute ? { [rowAttribute]: name(item) } : {})}>
                {row(item, (patch) => change((xs) => patchAt(xs, i, patch)), i)}
                <td>
                  <button
                    type="button"
                    className="remove"
                    aria-label={`${locale.t('admin.remove')} ${rowLabel(item)}`}
                    onClick={() => change((xs) => xs.filter((_, j) => j !== i))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* Named with its table: each tab has two tables with an Add button of their own. */}
      <button type="button" aria-label={`${locale.t('admin.add')}: ${title}`} onClick={() => change((xs) => [...xs, blank()])}>
        {locale.t('admin.add')}
      </button>
    </section>
  );
}

/** The id cell every list starts with, labelled by the row's position (the id itself may be empty). */
function IdCell({
  label,
  i,
  value,
  onChange,
  size,
}: {
  label: string;
  i: number;
  value: string;
  onChange: (v: string) => void;
  size: number;
}) {
  return (
    <td>
      <Text label={`${label} ${i + 1}`} value={value} onChange={onChange} size={size} />
    </td>
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

function ServicesTab({ draft, update, locale }: TabProps) {
  const langs = draft.site.languages;
  const nameLabel = (l: string) => locale.t('admin.field.name', { lang: l });
  const id = locale.t('admin.field.id');
  // A group may have a service's id (the demo's `consultation` is both): its fields say "group".
  const group = (g: { id: string }) => locale.t('admin.row.group', { id: g.id });
  return (
    <>
      <ListTable
        title={locale.t('admin.section.services')}
        locale={locale}
        head={[
          id,
          locale.t('admin.field.group'),
          locale.t('admin.field.prefix'),
          ...langs.map(nameLabel),
          locale.t('admin.field.average'),
          locale.t('admin.field.active'),
        ]}
        items={draft.services}
        change={(next) => update((d) => ({ ...d, services: next(d.services) }))}
        blank={() => ({ id: '', group: draft.serviceGroups[0]?.id ?? '', prefix: '', names: {}, averageServiceMinutes: 10, active: true })}
        name={(s) => s.id}
        rowAttribute="data-service"
        row={(s, set, i) => (
          <>
            <IdCell label={id} i={i} value={s.id} onChange={(v) => set({ id: v })} size={18} />
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
              <Text label={`${locale.t('admin.field.prefix')} ${s.id}`} value={s.prefix} onChange={(prefix) => set({ prefix })} size={3} />
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
          </>
        )}
      />
      <ListTable
        title={locale.t('admin.section.groups')}
        locale={locale}
        head={[id, ...langs.map(nameLabel), locale.t('admin.field.parent')]}
        items={draft.serviceGroups}
        change={(next) => update((d) => ({ ...d, serviceGroups: next(d.serviceGroups) }))}
        blank={() => ({ id: '', names: {} })}
        name={(g) => g.id}
        rowLabel={group}
        rowAttribute="data-group"
        row={(g, set, i) => (
          <>
            <IdCell label={locale.t('admin.field.groupId')} i={i} value={g.id} onChange={(v) => set({ id: v })} size={18} />
            <Names text={g.names} languages={langs} label={nameLabel} rowId={group(g)} onChange={(names) => set({ names })} />
            <td>
              <select
                aria-label={`${locale.t('admin.field.parent')} ${group(g)}`}
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
          </>
        )}
      />
    </>
  );
}

function CountersTab({ draft, update, locale }: TabProps) {
  const langs = draft.site.languages;
  const nameLabel = (l: string) => locale.t('admin.field.name', { lang: l });
  const id = locale.t('admin.field.id');
  // A zone may have a counter's id: its fields say "zone".
  const zone = (z: { id: string }) => locale.t('admin.row.zone', { id: z.id });
  return (
    <>
      <ListTable
        title={locale.t('admin.section.counters')}
        locale={locale}
        head={[id, locale.t('admin.field.window'), locale.t('admin.field.zone'), locale.t('admin.field.services')]}
        items={draft.counters}
        change={(next) => update((d) => ({ ...d, counters: next(d.counters) }))}
        blank={() => ({
          id: '',
          window: Math.max(0, ...draft.counters.map((k) => k.window)) + 1,
          zone: draft.zones[0]?.id ?? '',
          services: [],
        })}
        name={(k) => k.id}
        rowAttribute="data-counter"
        row={(k, set, i) => (
          <>
            <IdCell label={id} i={i} value={k.id} onChange={(v) => set({ id: v })} size={8} />
            <td>
              <NumberInput label={`${locale.t('admin.field.window')} ${k.id}`} value={k.window} onChange={(window) => set({ window })} />
            </td>
            <td>
              <select aria-label={`${locale.t('admin.field.zone')} ${k.id}`} value={k.zone} onChange={(e) => set({ zone: e.target.value })}>
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
          </>
        )}
      />
      <ListTable
        title={locale.t('admin.section.zones')}
        locale={locale}
        head={[id, ...langs.map(nameLabel)]}
        items={draft.zones}
        change={(next) => update((d) => ({ ...d, zones: next(d.zones) }))}
        blank={() => ({ id: '', names: {} })}
        name={(z) => z.id}
        rowLabel={zone}
        rowAttribute="data-zone"
        row={(z, set, i) => (
          <>
            <IdCell label={locale.t('admin.field.zoneId')} i={i} value={z.id} onChange={(v) => set({ id: v })} size={12} />
            <Names text={z.names} languages={langs} label={nameLabel} rowId={zone(z)} onChange={(names) => set({ names })} />
          </>
        )}
      />
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
    <ListTable
      title={locale.t('admin.tab.operators')}
      locale={locale}
      head={[
        locale.t('admin.field.username'),
        locale.t('admin.field.fullName'),
        locale.t('admin.field.roles'),
        locale.t('admin.field.counters'),
        locale.t('admin.field.newPin'),
      ]}
      items={draft.operators}
      change={(next) => update((d) => ({ ...d, operators: next(d.operators) }))}
      blank={() => ({ username: '', name: '', roles: ['operator' as const], counters: [] })}
      name={(o) => o.username}
      rowAttribute="data-operator"
      row={(o, set, i) => (
        <>
          <IdCell label={locale.t('admin.field.username')} i={i} value={o.username} onChange={(username) => set({ username })} size={10} />
          <td>
            <Text label={`${locale.t('admin.field.fullName')} ${o.username}`} value={o.name} onChange={(name) => set({ name })} />
          </td>
          <td className="roles">
            {ROLES.map((r) => (
              <label key={r}>
                <input
                  type="checkbox"
                  aria-label={`${locale.t(`admin.role.${r}`)} ${o.username}`}
                  checked={o.roles.includes(r)}
                  onChange={(e) => set({ roles: e.target.checked ? [...o.roles, r] : o.roles.filter((x) => x !== r) })}
                />
                {locale.t(`admin.role.${r}`)}
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
        </>
      )}
    />
  );
}

const DEVICE_ROLES = deviceRoleSchema.options;

function DevicesTab({ draft, update, locale, reset, setReset }: TabProps & { reset: string[]; setReset: (r: string[]) => void }) {
  const [snapshot, setSnapshot] = useState<MonitorSnapshot | null>(null);
  useEffect(() => {
    callApi(httpApi.adminMonitor, {}).then(setSnapshot, () => setSnapshot(null));
  }, []);
  return (
    <ListTable
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
      items={draft.devices}
      change={(next) => update((d) => ({ ...d, devices: next(d.devices) }))}
      blank={() => ({ id: '', role: 'kiosk' as const })}
      name={(dev) => dev.id}
      rowAttribute="data-device"
      row={(dev, set, i) => {
        const seen = snapshot?.devices.find((x) => x.id === dev.id);
        return (
          <>
            <IdCell label={locale.t('admin.field.id')} i={i} value={dev.id} onChange={(id) => set({ id })} size={14} />
            <td>
              <select
                aria-label={`${locale.t('admin.field.role')} ${dev.id}`}
                value={dev.role}
                onChange={(e) => set({ role: e.target.value as (typeof DEVICE_ROLES)[number] })}
              >
                {DEVICE_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {locale.t(`admin.deviceRole.${r}`)}
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
            <td>{seen ? presenceText(locale, seen, draft.site.timezone) : locale.t('admin.none')}</td>
            <td>{printerText(locale, seen?.printer?.printer ?? null)}</td>
            <td>
              <input
                type="checkbox"
                aria-label={`${locale.t('admin.field.resetSecret')} ${dev.id}`}
                checked={reset.includes(dev.id)}
                onChange={(e) => setReset(e.target.checked ? [...reset, dev.id] : reset.filter((x) => x !== dev.id))}
              />
            </td>
          </>
        );
      }}
    />
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
        <div className="field">
          <span aria-hidden="true">{locale.t('admin.field.transferPlacement')}</span>
          <select
            aria-label={locale.t('admin.field.transferPlacement')}
            value={q.transferPlacement}
            onChange={(e) => setQueue({ transferPlacement: e.target.value === 'arrival' ? 'arrival' : 'first' })}
          >
            <option value="first">{locale.t('admin.transferPlacement.first')}</option>
            <option value="arrival">{locale.t('admin.transferPlacement.arrival')}</option>
          </select>
        </div>
      </section>
      <ListTable
        title={locale.t('admin.section.priority')}
        locale={locale}
        head={[locale.t('admin.field.id'), ...langs.map((l) => locale.t('admin.field.name', { lang: l }))]}
        items={q.priorityCategories}
        change={(next) => update((d) => ({ ...d, queue: { ...d.queue, priorityCategories: next(d.queue.priorityCategories) } }))}
        blank={() => ({ id: '', names: {} })}
        name={(p) => p.id}
        row={(p, set, i) => (
          <>
            <IdCell label={locale.t('admin.field.id')} i={i} value={p.id} onChange={(id) => set({ id })} size={12} />
            <Names
              text={p.names}
              languages={langs}
              label={(l) => locale.t('admin.field.name', { lang: l })}
              rowId={p.id}
              onChange={(names) => set({ names })}
            />
          </>
        )}
      />
    </>
  );
}

// The hall as it stands, polled from the hub every two seconds: alerts first, then every counter,
// the queues with someone waiting, and the devices.
import {
  callApi,
  httpApi,
  type MessageKey,
  type MonitorAlert,
  type MonitorSnapshot,
  type PrinterStatus,
  type PublicConfig,
} from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { useEffect, useState } from 'react';
import { failure } from './failure.js';
import { MonitorCharts } from './MonitorCharts.js';

const POLL_MS = 2000;

export function Monitor({ locale, config }: { locale: Locale; config: PublicConfig }) {
  const [snapshot, setSnapshot] = useState<MonitorSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    const poll = () =>
      callApi(httpApi.adminMonitor, {}).then(
        (s) => {
          if (!active) return;
          setSnapshot(s);
          setError(null);
        },
        (e: unknown) => active && setError(failure(locale, e)),
      );
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [locale]);

  if (!snapshot) return <p>{error ?? locale.t('admin.loading')}</p>;
  const serviceName = (id: string) => {
    const s = config.services.find((x) => x.id === id);
    return s ? locale.name(s.names) : id;
  };
  const when = (at: number) => new Date(at).toLocaleString(locale.lang, { timeZone: config.site.timezone });
  const minutes = (ms: number | null) =>
    ms === null ? locale.t('admin.none') : locale.t('admin.monitor.minutes', { minutes: Math.floor(ms / 60_000) });
  const queues = snapshot.queues.filter((q) => q.waiting > 0).sort((a, b) => (b.oldestWaitMs ?? 0) - (a.oldestWaitMs ?? 0));

  return (
    <div className="monitor">
      {error && <p className="admin-error">{error}</p>}
      <section aria-labelledby="alerts-title" className="monitor-alerts">
        <h2 id="alerts-title">{locale.t('admin.monitor.alerts')}</h2>
        {snapshot.alerts.length === 0 ? (
          <p className="muted">{locale.t('admin.monitor.noAlerts')}</p>
        ) : (
          <ul role="alert">
            {snapshot.alerts.map((a) => (
              <li key={alertKey(a)} className={`alert alert-${a.kind}`} data-alert={a.kind}>
                {alertText(locale, a, serviceName)}
              </li>
            ))}
          </ul>
        )}
        <p className="muted draw-commitment" data-draw-commitment={snapshot.draw.commitment ?? ''}>
          {snapshot.draw.commitment === null
            ? locale.t('admin.monitor.noDrawCommitment')
            : locale.t('admin.monitor.drawCommitment', { day: snapshot.draw.day, commitment: snapshot.draw.commitment })}
        </p>
        {snapshot.backup && (
          <p className="muted" data-backup>
            {snapshot.backup.lastCopyAt === null
              ? locale.t('admin.monitor.noBackup')
              : locale.t('admin.monitor.lastBackup', { when: when(snapshot.backup.lastCopyAt) })}
          </p>
        )}
        {snapshot.catalogue && (
          <p className="muted" data-catalogue={snapshot.catalogue.version}>
            {locale.t('admin.monitor.catalogue', { version: snapshot.catalogue.version, when: when(snapshot.catalogue.appliedAt) })}
          </p>
        )}
      </section>
      <MonitorCharts locale={locale} config={config} />
      <div className="monitor-grid">
        <section aria-labelledby="counters-title">
          <h2 id="counters-title">{locale.t('admin.monitor.counters')}</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{locale.t('admin.monitor.window')}</th>
                <th scope="col">{locale.t('admin.monitor.status')}</th>
                <th scope="col">{locale.t('admin.monitor.operator')}</th>
                <th scope="col">{locale.t('admin.monitor.ticket')}</th>
                <th scope="col">{locale.t('admin.monitor.idle')}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.counters.map((k) => (
                <tr key={k.counter} data-counter={k.counter} className={`status-${k.status}`}>
                  <th scope="row">{k.window}</th>
                  <td>
                    {k.status === 'paused' && k.pauseReason
                      ? locale.t('admin.monitor.paused', { reason: k.pauseReason })
                      : locale.t(`counterStatus.${k.status}` as MessageKey)}
                  </td>
                  <td>{k.operator?.name ?? locale.t('admin.none')}</td>
                  <td className="ticket">{k.ticket ? `${k.ticket.number} · ${serviceName(k.ticket.service)}` : locale.t('admin.none')}</td>
                  <td>{minutes(k.idleMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="queues-title">
          <h2 id="queues-title">{locale.t('admin.monitor.queues')}</h2>
          {queues.length === 0 ? (
            <p className="muted">{locale.t('admin.monitor.emptyQueues')}</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{locale.t('admin.monitor.service')}</th>
                  <th scope="col">{locale.t('admin.monitor.waiting')}</th>
                  <th scope="col">{locale.t('admin.monitor.oldest')}</th>
                  <th scope="col">{locale.t('admin.monitor.open')}</th>
                </tr>
              </thead>
              <tbody>
                {queues.map((q) => (
                  <tr key={q.service} data-queue={q.service}>
                    <th scope="row">{serviceName(q.service)}</th>
                    <td>{q.waiting}</td>
                    <td>{minutes(q.oldestWaitMs)}</td>
                    <td>{q.openCounters}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{locale.t('admin.monitor.devices')}</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{locale.t('admin.field.id')}</th>
                <th scope="col">{locale.t('admin.field.lastSeen')}</th>
                <th scope="col">{locale.t('admin.field.printer')}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.devices.map((d) => (
                <tr key={d.id} data-device={d.id}>
                  <th scope="row">{d.id}</th>
                  <td>{presenceText(locale, d, config.site.timezone)}</td>
                  <td>{printerText(locale, d.printer?.printer ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}

function alertKey(a: MonitorAlert): string {
  switch (a.kind) {
    case 'wait':
      return `wait-${a.service}`;
    case 'record':
      return `record-${a.day}`;
    case 'backup':
    case 'cases':
      return a.kind;
    default:
      return `${a.kind}-${a.device}`;
  }
}

function alertText(locale: Locale, a: MonitorAlert, serviceName: (id: string) => string): string {
  if (a.kind === 'wait')
    return locale.t('admin.monitor.alert.wait', { service: serviceName(a.service), minutes: a.waitMinutes, target: a.targetMinutes });
  if (a.kind === 'paper')
    return locale.t(a.state === 'out' ? 'admin.monitor.alert.paperOut' : 'admin.monitor.alert.paperLow', { device: a.device });
  if (a.kind === 'backup') return locale.t('admin.monitor.alert.backup', { error: a.error });
  if (a.kind === 'cases') return locale.t('admin.monitor.alert.cases', { count: a.waiting, min: a.minEligible });
  if (a.kind === 'record') return locale.t('admin.monitor.alert.record', { day: a.day, seq: a.seq, rows: a.rows, problem: a.problem });
  return locale.t('admin.monitor.alert.printer', { device: a.device, problem: a.problem });
}

type Contact = Pick<MonitorSnapshot['devices'][number], 'online' | 'lastSeen' | 'via'>;

/** A device's last contact, MQTT or HTTP, with its time in the centre's zone. */
export function presenceText(locale: Locale, { online, lastSeen, via }: Contact, timeZone: string): string {
  if (online === null || lastSeen === null || via === null) return locale.t('admin.device.unknown');
  const when = new Date(lastSeen).toLocaleString(locale.lang, { timeZone });
  if (via === 'http') return locale.t(online ? 'admin.device.httpLast' : 'admin.device.httpGone', { when });
  return locale.t(online ? 'admin.device.mqttSince' : 'admin.device.mqttGone', { when });
}

export function printerText(locale: Locale, p: PrinterStatus | null): string {
  if (!p) return locale.t('admin.none');
  if (p.paperOut) return locale.t('admin.printer.out');
  if (p.paperNearEnd) return locale.t('admin.printer.low');
  if (p.problem) return locale.t('admin.printer.problem', { problem: p.problem });
  return locale.t('admin.printer.ok');
}

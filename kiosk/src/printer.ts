// Where the kiosk prints: through the Electron preload's bridge to a real printer, or, in browser
// mode, on the hub's virtual printer for this kiosk (the bytes are kept there, a preview comes back).
import {
  ApiError,
  type CommandResult,
  callApi,
  httpApi,
  type KioskBridge,
  type PrinterStatus,
  type PrintResult,
  type PublicConfig,
  type TicketPrint,
  viknoBridge,
} from '@vikno/shared';
import type { DeviceCredentials, Locale } from '@vikno/shared/browser';

export type KioskPrinter = KioskBridge;

export function kioskPrinter(device: DeviceCredentials): KioskPrinter {
  return viknoBridge()?.kiosk ?? hubPrinter(device);
}

function basicAuth({ device, secret }: DeviceCredentials): string {
  const bytes = new TextEncoder().encode(`${device}:${secret}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** The hub's virtual printer: `/api/printer` answers for the device the credentials name. */
function hubPrinter(device: DeviceCredentials): KioskPrinter {
  const headers = { authorization: basicAuth(device) };
  const unreachable = (error: unknown): PrinterStatus => ({
    online: false,
    paperOut: false,
    paperNearEnd: false,
    coverOpen: false,
    problem: error instanceof ApiError ? `the hub answered HTTP ${error.status}` : `the hub cannot be reached: ${(error as Error).message}`,
    checkedAt: new Date().toISOString(),
  });
  return {
    async printerStatus() {
      return callApi(httpApi.printerStatus, { headers }).catch(unreachable);
    },
    async print(ticket) {
      return callApi(httpApi.printerPrint, { headers, body: ticket }).catch((error: unknown): PrintResult => {
        const status = unreachable(error);
        return { ok: false, problem: status.problem, previewUrl: null, status };
      });
    },
  };
}

export type Issued = CommandResult<'ticket.issue'>;

/** Where a visitor's phone follows the ticket: the hub's public address, else the one this page came from. */
export function trackingUrl(config: PublicConfig, token: string, origin = window.location.origin): string {
  return `${(config.publicUrl ?? origin).replace(/\/+$/, '')}/t/${encodeURIComponent(token)}`;
}

/** The printed ticket, in the visitor's language. */
export function ticketPrint(config: PublicConfig, issued: Issued, locale: Locale, now: Date, origin?: string): TicketPrint {
  const { ticket } = issued;
  const service = config.services.find((s) => s.id === ticket.service);
  const category = config.priorityCategories.find((p) => p.id === ticket.priority);
  const when = new Intl.DateTimeFormat(locale.lang, {
    timeZone: config.site.timezone,
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const lines = [
    { label: locale.t('kiosk.ticket.ahead'), value: String(issued.ahead) },
    { label: locale.t('kiosk.ticket.wait'), value: waitText(issued, locale) },
  ];
  if (category) lines.push({ label: locale.t('kiosk.ticket.priority'), value: locale.name(category.names) });
  if (ticket.appointmentAt) {
    const time = new Intl.DateTimeFormat(locale.lang, { timeZone: config.site.timezone, timeStyle: 'short' }).format(
      new Date(ticket.appointmentAt),
    );
    lines.push({ label: locale.t('kiosk.ticket.appointment', { time }), value: '' });
  }
  return {
    language: locale.lang,
    centre: locale.name(config.site.name),
    service: service ? locale.name(service.names) : ticket.service,
    number: ticket.number,
    issuedAt: when.format(now),
    lines,
    trackingUrl: trackingUrl(config, issued.token, origin),
    trackingCaption: locale.t('kiosk.ticket.track'),
    footer: locale.name(config.kiosk.ticketFooter),
  };
}

/** "you are next", a range of minutes when the estimate is uncertain, else about so many minutes. */
export function waitText(issued: Pick<Issued, 'ahead' | 'estimatedWaitMinutes' | 'estimatedWaitRange'>, locale: Locale): string {
  const { low, high } = issued.estimatedWaitRange;
  if (issued.ahead === 0 && high === 0) return locale.t('kiosk.ticket.next');
  if (low < high) return locale.t('kiosk.ticket.minutesRange', { low, high });
  return locale.t('kiosk.ticket.minutes', { minutes: Math.max(1, Math.round(issued.estimatedWaitMinutes)) });
}

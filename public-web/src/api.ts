// The hub's public JSON API (hub/src/http/public-api.ts), as the pages use it.
import type { ErrorCode, TicketStatus, WaitRange } from '@vikno/shared';

export interface Tracking {
  number: string;
  service: string;
  status: TicketStatus;
  /** While waiting: the tickets the windows serving it would call first, and when it would be called. */
  ahead: number | null;
  estimatedWaitMinutes: number | null;
  estimatedWaitRange: WaitRange | null;
  window: number | null;
  feedback: 'none' | 'open' | 'given';
  /** The visit opened a back-office case not decided yet: "in processing", never who decides it. */
  inProcessing: boolean;
  at: number;
}

export interface ServiceStatus {
  id: string;
  waiting: number;
  /** For a ticket taken now. */
  estimatedWaitMinutes: number;
  estimatedWaitRange: WaitRange;
  openCounters: number;
}

export interface CentreStatus {
  day: string;
  openNow: boolean;
  hours: { day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'; intervals: [string, string][] }[];
  openCounters: number;
  /** A group's wait is its longest service's. */
  groups: { id: string; waiting: number; estimatedWaitMinutes: number; estimatedWaitRange: WaitRange; services: ServiceStatus[] }[];
  at: number;
}

export interface BookingInfo {
  services: string[];
  days: string[];
  slotMinutes: number;
}

export interface Slot {
  at: number;
  time: string;
  free: number;
}

export interface Booked {
  appointment: { code: string; service: string; at: number };
}

/** A refusal from the hub, with its error code when it gave one (the catalog has words for it). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | undefined,
    message: string,
  ) {
    super(message);
  }
}

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as { error?: string; code?: ErrorCode };
  if (!res.ok) throw new ApiError(res.status, body.code, body.error ?? `HTTP ${res.status}`);
  return body as T;
}

export async function getJson<T>(url: string): Promise<T> {
  return answer<T>(await fetch(url, { cache: 'no-store' }));
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  return answer<T>(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

// One typed map of MQTT topics → payload schemas, all under `vikno/v1/<site>/…`.
// docs/protocol.md describes each with an example.
import type { z } from 'zod';
import { commandRequestSchema, replySchema } from './commands.js';
import type { DeviceRole } from './config.js';
import {
  configVersionSchema,
  counterStateSchema,
  domainEventSchema,
  presenceSchema,
  queueSummarySchema,
  recentCallsSchema,
} from './domain.js';
import { deviceHealthSchema } from './printing.js';

export const ROOT = 'vikno/v1';

export const topics = {
  /** Request, QoS 1, from a device. */
  command: (site: string, device: string, command: string) => `${ROOT}/${site}/cmd/${device}/${command}`,
  /** The sender's reply topics; a client picks a suffix per connection. */
  reply: (site: string, device: string, session: string) => `${ROOT}/${site}/reply/${device}/${session}`,
  /** Retained: one service's waiting line. */
  queue: (site: string, service: string) => `${ROOT}/${site}/state/queue/${service}`,
  /** Retained: one counter's state. */
  counter: (site: string, counter: string) => `${ROOT}/${site}/state/counter/${counter}`,
  /** Retained: the most recent calls, newest first. */
  calls: (site: string) => `${ROOT}/${site}/state/calls`,
  /** Not retained, QoS 1: every state change but the back-office cases'. */
  event: (site: string, type: string) => `${ROOT}/${site}/event/${type}`,
  /**
   * Not retained, QoS 1: the back-office cases' events (`case.*`). They say which registrar has a
   * case, so only supervisors' (admin) devices may read them; a registrar asks for their own.
   */
  caseEvent: (site: string, type: string) => `${ROOT}/${site}/case-event/${type}`,
  /** Retained, set by each client and cleared by its last will. `hub` is the hub itself. */
  presence: (site: string, device: string) => `${ROOT}/${site}/presence/${device}`,
  /** Retained, set by a device: the state of its hardware (a kiosk's printer). */
  health: (site: string, device: string) => `${ROOT}/${site}/health/${device}`,
  /** Retained: the config's version; apps refetch `/api/config` when it changes (admin edits). */
  config: (site: string) => `${ROOT}/${site}/state/config`,
} as const;

/** Where the hub publishes an event: a back-office case's for supervisors only, the rest for every screen. */
export function eventTopic(site: string, type: string): string {
  return type.startsWith('case.') ? topics.caseEvent(site, type) : topics.event(site, type);
}

/** Payload schema per topic kind. */
export const topicPayloads = {
  command: commandRequestSchema,
  reply: replySchema,
  queue: queueSummarySchema,
  counter: counterStateSchema,
  calls: recentCallsSchema,
  event: domainEventSchema,
  caseEvent: domainEventSchema,
  presence: presenceSchema,
  health: deviceHealthSchema,
  config: configVersionSchema,
} as const;
export type TopicKind = keyof typeof topicPayloads;
export type TopicPayload<K extends TopicKind> = z.output<(typeof topicPayloads)[K]>;

export type ParsedTopic =
  | { kind: 'command'; site: string; device: string; command: string }
  | { kind: 'reply'; site: string; device: string; session: string }
  | { kind: 'queue'; site: string; service: string }
  | { kind: 'counter'; site: string; counter: string }
  | { kind: 'calls'; site: string }
  | { kind: 'event'; site: string; type: string }
  | { kind: 'caseEvent'; site: string; type: string }
  | { kind: 'presence'; site: string; device: string }
  | { kind: 'health'; site: string; device: string }
  | { kind: 'config'; site: string };

export function parseTopic(topic: string): ParsedTopic | null {
  const parts = topic.split('/');
  if (parts[0] !== 'vikno' || parts[1] !== 'v1') return null;
  const [, , site, kind, a, b, ...rest] = parts;
  if (!site || rest.length) return null;
  if (kind === 'cmd' && a && b) return { kind: 'command', site, device: a, command: b };
  if (kind === 'reply' && a && b) return { kind: 'reply', site, device: a, session: b };
  if (kind === 'state' && a === 'queue' && b) return { kind: 'queue', site, service: b };
  if (kind === 'state' && a === 'counter' && b) return { kind: 'counter', site, counter: b };
  if (kind === 'state' && a === 'calls' && !b) return { kind: 'calls', site };
  if (kind === 'state' && a === 'config' && !b) return { kind: 'config', site };
  if (kind === 'event' && a && !b) return { kind: 'event', site, type: a };
  if (kind === 'case-event' && a && !b) return { kind: 'caseEvent', site, type: a };
  if (kind === 'presence' && a && !b) return { kind: 'presence', site, device: a };
  if (kind === 'health' && a && !b) return { kind: 'health', site, device: a };
  return null;
}

export interface AclRule {
  access: 'read' | 'write';
  topic: string;
}

/**
 * What each role may publish and subscribe to. The embedded broker enforces these rules itself;
 * `vikno-hub mosquitto` writes the same rules into a Mosquitto ACL file. What a role may *do* (a kiosk
 * only issues tickets, a counter only commands its own counter) the hub checks again per command.
 */
/** A display and a feedback tablet only read: they send no commands, and get no answers. */
export function sendsCommands(role: DeviceRole | 'hub'): boolean {
  return role !== 'display' && role !== 'tablet';
}

export function aclRules(site: string, device: string, role: DeviceRole | 'hub'): AclRule[] {
  const s = `${ROOT}/${site}`;
  if (role === 'hub')
    return [
      { access: 'read', topic: `${s}/#` },
      { access: 'write', topic: `${s}/#` },
    ];
  const rules: AclRule[] = [
    { access: 'read', topic: `${s}/state/#` },
    { access: 'read', topic: `${s}/presence/#` },
    { access: 'write', topic: `${s}/presence/${device}` },
    { access: 'read', topic: `${s}/health/#` },
    { access: 'write', topic: `${s}/health/${device}` },
  ];
  if (role === 'display' || role === 'admin' || role === 'counter') rules.push({ access: 'read', topic: `${s}/event/#` });
  // Who has which back-office case: supervisors only (a front-office clerk could otherwise count them).
  if (role === 'admin') rules.push({ access: 'read', topic: `${s}/case-event/#` });
  if (sendsCommands(role)) {
    rules.push({ access: 'read', topic: `${s}/reply/${device}/#` });
    if (role === 'kiosk') rules.push({ access: 'write', topic: `${s}/cmd/${device}/ticket.issue` });
    else rules.push({ access: 'write', topic: `${s}/cmd/${device}/+` });
  }
  return rules;
}

/** True when `topic` (no wildcards) matches `filter` (MQTT 3.1.1 §4.7 wildcards). */
export function topicMatches(filter: string, topic: string): boolean {
  return filterCovers(filter, topic);
}

/**
 * True when every topic matched by `inner` is also matched by `outer`: a subscription is allowed
 * when an ACL filter covers it. `#` covers the rest of the levels (§4.7.1.2), `+` one level (§4.7.1.3).
 */
export function filterCovers(outer: string, inner: string): boolean {
  const o = outer.split('/');
  const i = inner.split('/');
  for (let k = 0; k < o.length; k++) {
    const a = o[k];
    const b = i[k];
    if (a === '#') return true;
    if (b === undefined) return false;
    if (b === '#') return false;
    if (a === '+') continue;
    if (a !== b) return false;
  }
  return o.length === i.length;
}

// What the hub's HTTP side is given (app.ts fills it in as the hub starts) and the fastify instance its
// route modules register on, typed with the zod type provider. Types only: every route module reads
// them, none of them reads a route module.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Config, MonitorSnapshot } from '@vikno/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { DeviceWatch } from '../admin/device-watch.js';
import type { LiveConfig } from '../admin/live-config.js';
import type { AdminSessions } from '../admin/sessions.js';
import type { ChainBreak } from '../audit/start-check.js';
import type { BrokerAuth } from '../broker/auth.js';
import type { BusHealth } from '../broker/publish-health.js';
import type { VirtualPrinters } from '../kiosk/virtual-printers.js';
import type { PlanningJobs } from '../planner/jobs.js';
import type { Pairings } from '../security/pairing.js';
import type { PinAttempts } from '../security/pin-attempts.js';
import type { Hub } from '../service/hub.js';
import type { Reports } from '../stats/reports.js';
import type { BackupStatus } from '../store/backup-schedule.js';

export interface HttpDeps {
  /** Replaced when an admin edits the config. */
  config: Config;
  /** Set once the hub has started. */
  admin?: AdminApiDeps;
  hub: () => Hub | undefined;
  /** The MQTT URL a browser page uses: a path on this server, or an external broker's ws:// URL. */
  browserMqttUrl: string;
  /** Whether the hub's MQTT client is connected and can publish (bus.ts); undefined before it runs. */
  mqtt: () => BusHealth | undefined;
  appsRoot: string;
  log: Logger;
  startedAt: number;
  /** Signs in kiosks that print over HTTP (browser mode) and feedback tablets. */
  auth: BrokerAuth;
  /** Pairing codes and the devices' own secrets (POST /api/pair, the admin's devices). */
  pairings: Pairings;
  /** The hub's own CA's SHA-256 fingerprint (`http.tls: auto`), which the pairing QR carries; else null. */
  caFingerprint: string | null;
  printers: VirtualPrinters;
}

export interface AdminApiDeps {
  live: LiveConfig;
  sessions: AdminSessions;
  /** The hub's daily backups; null when it makes none. */
  backups: () => BackupStatus | null;
  /** Breaks of the audit chain the checks at start found (hub/src/audit/start-check.ts). */
  recordBreaks: () => readonly ChainBreak[];
  /** The region's catalogue the hub runs; null when it takes none or has none yet. */
  catalogue: () => MonitorSnapshot['catalogue'];
  /** Wrong PINs per username, counted with the counter terminals' (the hub's). */
  pins: PinAttempts;
  devices: DeviceWatch;
  hub: () => Hub | undefined;
  reports: () => Reports;
  /** Staffing plans, made in a worker thread. */
  planning: PlanningJobs;
  /** The YAML file the hub started from, if any (the export merges into its text). */
  configText: () => string;
}

export type HttpApp = FastifyInstance<Server, IncomingMessage, ServerResponse, Logger, ZodTypeProvider>;

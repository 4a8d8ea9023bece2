import { type ChildProcess } from 'node:child_process';
import { type Config, type ConfigInput, type MonitorSnapshot } from '@vikno/shared';
import { type ViknoClient } from '@vikno/shared/client';
import { type Logger } from 'pino';
import { type Browser, type Page } from 'playwright-core';
import { type RunningHub } from '../src/app.js';
import type { Clock } from '../src/engine/engine.js';
export declare const REPO: string;
export declare const DEMO_CONFIG: string;
export declare const HUB_MAIN: string;
export declare function tempDir(prefix?: string): string;
export declare function freePort(): Promise<number>;
/** The demo centre's config as plain data, with a fresh data folder and ports picked by the OS. */
export declare function demoConfigInput(): ConfigInput;
export declare function demoConfig(change?: (c: ConfigInput) => ConfigInput): Config;
/**
 * Real time moved to Monday 2026-11-23, 10:00 in Kyiv, when the test began: inside the demo centre's
 * opening hours, so that its kiosks issue tickets whatever hour or day the suite runs at.
 */
export declare const demoMorning: Clock;
/** A hub on `clock`; by default on `demoMorning`. */
export declare function runHub(config?: Config, clock?: Clock, log?: Logger): Promise<RunningHub>;
/** One line the hub logged, as pino writes it. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}
/** A logger that keeps every line it writes (info and above), for a test that reads what the hub logs. */
export declare function capturedLog(): {
  log: Logger;
  lines: LogLine[];
};
export type BrokerKind = 'embedded' | 'mosquitto';
export declare const BROKERS: readonly BrokerKind[];
/**
 * A demo hub on either broker, on `demoMorning`: the embedded one, or Debian's Mosquitto run with
 * the files `vikno-hub mosquitto` writes (stopped with the hub).
 */
export declare function runHubOn(broker: BrokerKind, log?: Logger): Promise<RunningHub>;
/** A device client; the demo centre's secret for device X is `demo-X`. */
export declare function device(
  hub: {
    mqttUrl: string;
  },
  id: string,
  secret?: string,
  site?: string,
): Promise<ViknoClient>;
export declare function closeClients(): Promise<void>;
/** A counter client with an operator logged in. */
export declare function counterAt(
  hub: {
    mqttUrl: string;
  },
  counter: string,
  username?: string,
  pin?: string,
  site?: string,
): Promise<ViknoClient>;
/** Collects the retained and live messages of a filter, keyed by topic (last wins). */
export declare function watch(client: ViknoClient, filter: string): Map<string, unknown>;
export declare function until<T>(probe: () => T | undefined | false, timeoutMs?: number, what?: string): Promise<T>;
export interface HubProcess {
  child: ChildProcess;
  httpUrl: string;
  mqttUrl: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}
/** The built hub as its own process, as a centre runs it (`node hub/dist/main.js`). */
export declare function spawnHub(opts: {
  configFile: string;
  dataDir: string;
  httpPort?: number;
  mqttPort?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<HubProcess>;
/** A supervisor's session cookie on the hub's admin API (demo: `admin` / `0000`). */
export declare function adminCookie(
  hub: {
    httpUrl: string;
  },
  username?: string,
  pin?: string,
): Promise<string>;
/** The hall as the live monitor sees it, read with a supervisor's session. */
export declare function monitor(
  hub: {
    httpUrl: string;
  },
  cookie: string,
): Promise<MonitorSnapshot>;
/** The built command line (`node hub/dist/main.js …`), run to its end. */
export declare function runCli(
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<{
  code: number | null;
  stdout: string;
  stderr: string;
}>;
export declare function writeConfig(config: ConfigInput, dir?: string): string;
export { gotoDevice, storeDeviceCredentials } from '../src/bench/device-pages.js';
/** Debian's Chromium, as every browser test runs it (no bundled browser is ever downloaded). */
export declare function launchChromium(extraArgs?: readonly string[]): Promise<Browser>;
/** What a device page keeps in IndexedDB for `app`, or null. */
export declare function storedDeviceCredentials(page: Page, app: string): Promise<unknown>;

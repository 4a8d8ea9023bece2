// Starts the hub's parts in order — HTTP server, broker (embedded or external), store, command loop —
// and stops them in reverse. Used by main.ts and by tests that run a hub in-process.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SerialBinding } from '@vikno/hardware';
import { type Config, topics } from '@vikno/shared';
import { withoutNagle } from '@vikno/shared/client';
import { connect } from 'mqtt';
import type { Logger } from 'pino';
import { DeviceWatch } from './admin/device-watch.js';
import { LiveConfig } from './admin/live-config.js';
import { AdminSessions } from './admin/sessions.js';
import { BrokerAuth, HUB_USERNAME } from './broker/auth.js';
import { type Bus, clientBus } from './broker/bus.js';
import { DynsecControl, DynsecCredentials } from './broker/dynsec.js';
import { type EmbeddedBroker, startEmbeddedBroker, WS_PATH } from './broker/embedded.js';
import { RegionCatalogue } from './central/catalogue.js';
import { liveSummary } from './central/live-summary.js';
import { LogReader } from './central/log-reader.js';
import { CentralUplink } from './central/uplink.js';
import { startLedBoards } from './devices/led-boards.js';
import { dayOf } from './engine/day.js';
import type { Clock } from './engine/engine.js';
import type { HttpDeps } from './http/deps.js';
import { createHttpServer } from './http/server.js';
import { VirtualPrinters } from './kiosk/virtual-printers.js';
import { PlanningJobs } from './planner/jobs.js';
import { Pairings } from './security/pairing.js';
import { hubTls } from './security/tls.js';
import { AutoCaller } from './service/auto-call.js';
import { Hub } from './service/hub.js';
import { Reports } from './stats/reports.js';
import { BackupSchedule } from './store/backup-schedule.js';
import { Store } from './store/store.js';

export interface RunningHub {
  hub: Hub;
  /** The hub's MQTT side: `bus.health()` says whether it can publish now. */
  bus: Bus;
  /** Browser-mode kiosks' printers. */
  printers: VirtualPrinters;
  httpUrl: string;
  /** The MQTT URL devices use: the embedded broker's TCP port, or the external broker. */
  mqttUrl: string;
  /** The link to the region's central service, with `central:` in the config. */
  central: CentralUplink | undefined;
  stop(): Promise<void>;
}

/** Hardware access the tests replace: the serial binding of the LED boards (the system's by default). */
export interface HubDevices {
  serialBinding?: SerialBinding;
}

export interface HubOptions {
  /** The YAML file the config came from: admin edits are written back into it. */
  configFile?: string;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function startHub(
  ownConfig: Config,
  log: Logger,
  clock: Clock = Date.now,
  devices: HubDevices = {},
  options: HubOptions = {},
): Promise<RunningHub> {
  const startedAt = Date.now();
  let hub: Hub | undefined;
  let bus: Bus | undefined;
  // First: the devices' paired secrets, which every sign-in checks, are in it.
  const store = new Store(join(ownConfig.dataDir, 'vikno.db'), {
    checkpointInBackground: (err) => log.error({ err }, 'background checkpoint failed; the hub checkpoints in its commits'),
  });
  // The region's catalogue applied last, merged into the file's config before anything runs on it.
  const region = ownConfig.central?.catalogue
    ? RegionCatalogue.open(ownConfig, {
        store,
        log,
        clock,
        apply: async (next: Config, changes: string[]): Promise<void> => {
          await running.replaceConfig(next, 'central', changes);
          configApplied(next);
        },
        current: (): Config => running.currentConfig,
      })
    : undefined;
  const config: Config = region?.config ?? ownConfig;
  const external = config.broker.url;
  const browserMqttUrl = external ? (config.broker.wsUrl ?? '') : WS_PATH;
  const pairings = new Pairings(store, clock, config.pairing.codeMinutes * 60_000);
  const auth = new BrokerAuth(config, Date.now, pairings);
  const printers = new VirtualPrinters();
  const tls = await hubTls(config);
  const httpDeps: HttpDeps = {
    auth,
    pairings,
    caFingerprint: tls?.ca?.fingerprint ?? null,
    printers,
    config,
    hub: () => hub,
    browserMqttUrl,
    mqtt: () => bus?.health(),
    appsRoot: REPO_ROOT,
    log,
    startedAt,
  };
  const http = createHttpServer(httpDeps, tls);
  await http.listen({ port: config.http.port, host: config.http.host });
  const address = http.server.address();
  const httpPort = typeof address === 'object' && address ? address.port : config.http.port;

  let broker: EmbeddedBroker | undefined;
  if (external) {
    const client = connect(external, {
      protocolVersion: 4,
      clientId: `vikno-hub-${config.site.id}`,
      username: config.broker.username ?? HUB_USERNAME,
      password: config.broker.password ?? process.env.VIKNO_BROKER_PASSWORD ?? '',
      // A clean session: the hub republishes all state at each start, so nothing needs carrying over.
      clean: true,
      reconnectPeriod: 1000,
      will: { topic: topics.presence(config.site.id, 'hub'), payload: JSON.stringify({ status: 'offline' }), qos: 1, retain: true },
    });
    withoutNagle(client);
    client.on('error', (err) => log.error({ err }, 'mqtt'));
    client.on('offline', () => log.warn('mqtt: disconnected from the broker, reconnecting'));
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    bus = clientBus(client);
    const credentials = new DynsecCredentials(
      new DynsecControl(client),
      () => httpDeps.config.site.id,
      (device) => httpDeps.config.devices.find((d) => d.id === device)?.role,
    );
    pairings.useBroker(credentials);
    // Mosquitto restarted, or away during a revocation: it hears of the revoked devices again.
    const reconcile = () =>
      credentials.reconcile(pairings.list()).then(
        (missing) => {
          for (const device of missing)
            log.warn(
              { device },
              'mosquitto: a paired device has no client in the dynamic-security file (was it written anew?): pair it again',
            );
        },
        (err: unknown) => log.error({ err }, 'mosquitto: could not bring the dynamic-security plugin up to date with the revoked devices'),
      );
    client.on('connect', () => void reconcile());
    void reconcile();
  } else {
    broker = await startEmbeddedBroker({
      auth,
      host: config.broker.host,
      port: config.broker.port,
      http: http.server,
      trustProxy: config.http.trustProxy,
      log,
      pairings,
    });
    bus = broker.bus;
  }
  log.info({ broker: external ?? 'embedded' }, 'mqtt: connected');

  const today = dayOf(clock(), config.site.timezone);
  for (const b of store.checkAuditChain(today, clock()))
    log.error(
      { seq: b.seq, day: b.day, problem: b.problem },
      `audit chain broken at event ${b.seq} (${b.day}): the record of that day is under question`,
    );
  const recordBreaks = store.auditBreaks();
  hub = new Hub(config, store, bus, log, clock);
  await hub.start();
  const autoCaller = new AutoCaller(hub, log);
  autoCaller.start();
  const backups = config.backups.enabled
    ? new BackupSchedule(
        config.backups,
        join(config.dataDir, 'vikno.db'),
        resolve(config.dataDir, config.backups.folder),
        config.site.timezone,
        clock,
        log,
      )
    : undefined;
  backups?.start();
  const running: Hub = hub;
  /** A config the hub runs now (an admin's edit, the region's catalogue): the parts outside the command loop follow. */
  const configApplied = (next: Config) => {
    auth.replace(next);
    pairings.setCodeTtl(next.pairing.codeMinutes * 60_000);
    httpDeps.config = next;
  };
  const ledBoards = startLedBoards(config, bus, log, devices.serialBinding);
  const deviceWatch = new DeviceWatch(config.site.id, clock);
  await deviceWatch.start(bus);
  const centralLog = config.central && new LogReader(join(config.dataDir, 'vikno.db'));
  const central =
    config.central &&
    centralLog &&
    new CentralUplink({
      site: config.site.id,
      settings: config.central,
      reader: centralLog,
      live: () =>
        liveSummary({
          site: config.site.id,
          engine: running.state,
          config: running.currentConfig,
          devices: deviceWatch,
          catalogueVersion: region?.catalogue.version() ?? null,
        }),
      catalogue: region && ((payload) => void region.catalogue.receive(payload)),
      log,
      clock,
    });
  const reports = Reports.open(join(config.dataDir, 'vikno.db'));
  const planning = new PlanningJobs(join(config.dataDir, 'vikno.db'), log);
  const { configFile } = options;
  httpDeps.admin = {
    live: new LiveConfig(
      { current: () => running.currentConfig, replace: (next, by, changes) => running.replaceConfig(next, by, changes) },
      (next) => {
        configApplied(next);
        region?.catalogue.localChanged(next);
      },
      configFile,
      region && ((current, next) => region.catalogue.regionEdits(current, next)),
    ),
    catalogue: () => region?.catalogue.status() ?? null,
    sessions: new AdminSessions(clock),
    pins: running.pinAttempts,
    backups: () => backups?.status() ?? null,
    recordBreaks: () => recordBreaks,
    devices: deviceWatch,
    hub: () => hub,
    reports: () => reports,
    planning,
    configText: () => (configFile && existsSync(configFile) ? readFileSync(configFile, 'utf8') : ''),
  };

  return {
    hub: running,
    bus,
    printers,
    httpUrl: `${tls ? 'https' : 'http'}://127.0.0.1:${httpPort}`,
    mqttUrl: external ?? `mqtt://127.0.0.1:${broker?.port}`,
    central,
    async stop() {
      await central?.stop();
      centralLog?.close();
      await backups?.stop();
      await ledBoards?.stop();
      autoCaller.stop();
      await running.stop();
      await printers.close();
      await bus.close();
      await broker?.close();
      await http.close();
      await planning.close();
      reports.close();
      store.close();
    },
  };
}

// Tells systemd the hub is ready and alive (sd_notify), when systemd started it with Type=notify:
// READY=1 once the hub serves, then WATCHDOG=1 from the event loop at a third of WatchdogSec. A loop
// that hangs (a runaway computation, a synchronous call that never returns) sends no more pings, and
// systemd kills and restarts the hub. Sent with systemd's own `systemd-notify` (the unit allows
// NotifyAccess=all for it): Node cannot write to a unix datagram socket, and the npm wrappers of
// libsystemd are native addons unmaintained for years.
import { execFile } from 'node:child_process';
import type { Logger } from 'pino';

export interface SystemdNotifier {
  /** The hub serves: READY=1, and the watchdog's pings start if the unit has one. */
  ready(status: string): void;
  /** Before stopping: STOPPING=1, and no more pings. */
  stopping(): void;
}

const NONE: SystemdNotifier = { ready() {}, stopping() {} };

/** A no-op outside systemd (no NOTIFY_SOCKET), so that `vikno-hub` runs the same from a shell. */
export function systemdNotifier(env: NodeJS.ProcessEnv, log: Logger, command = 'systemd-notify'): SystemdNotifier {
  if (!env.NOTIFY_SOCKET) return NONE;
  const send = (...args: string[]) =>
    execFile(command, args, (error) => {
      if (error) log.warn({ err: error, args }, 'systemd-notify failed');
    });
  const watchdogMs = watchdogInterval(env);
  let pings: NodeJS.Timeout | undefined;
  return {
    ready(status) {
      send('--ready', `--pid=${process.pid}`, `--status=${status}`);
      if (watchdogMs === null) return;
      pings = setInterval(() => send('WATCHDOG=1'), watchdogMs);
      // The pings must not keep a stopping hub alive.
      pings.unref();
      log.info({ everyMs: watchdogMs }, 'systemd watchdog: pinging');
    },
    stopping() {
      clearInterval(pings);
      send('STOPPING=1');
    },
  };
}

/** A third of the unit's WatchdogSec (WATCHDOG_USEC), or null when it has none or it is meant for another process. */
export function watchdogInterval(env: NodeJS.ProcessEnv): number | null {
  const usec = Number(env.WATCHDOG_USEC);
  if (!Number.isFinite(usec) || usec <= 0) return null;
  if (env.WATCHDOG_PID && Number(env.WATCHDOG_PID) !== process.pid) return null;
  return Math.max(1, Math.floor(usec / 1000 / 3));
}

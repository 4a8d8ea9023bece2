// The hub for the perceived-speed bench (perceived.ts), in a process of its own as a centre runs it,
// with one addition: its browser-mode kiosks' virtual printers (the ESC/POS simulator a kiosk page
// prints on) report when each ticket's first byte arrives, so that a tap on the kiosk's screen can be
// timed to the printer. `node perceived-hub.js CONFIG LOG`; talks to its parent over IPC.
import { pino } from 'pino';
import { startHub } from '../app.js';
import { loadConfigFile } from '../config/load.js';

export type PerceivedHubMessage =
  | { kind: 'ready'; httpUrl: string; mqttUrl: string }
  /** Wall time (`performance.timeOrigin`-based ms) of a print job's first byte at `kiosk`'s printer. */
  | { kind: 'firstByte'; kiosk: string; at: number };

/** DLE EOT n: a status request, which the kiosk sends before each ticket; not the ticket itself. */
const isStatusRequest = (bytes: Uint8Array) => bytes.length === 3 && bytes[0] === 0x10 && bytes[1] === 0x04;

const [configFile, logFile] = process.argv.slice(2);
const loaded = loadConfigFile(configFile ?? '');
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const config = loaded.config;
const send = (message: PerceivedHubMessage) => process.send?.(message);
const hub = await startHub(config, pino({ level: 'info' }, pino.destination({ dest: logFile ?? '/dev/null', sync: false })));
for (const kiosk of config.devices.filter((d) => d.role === 'kiosk').map((d) => d.id)) {
  const device = hub.printers.simulator(kiosk);
  const connect = device.connect.bind(device);
  device.connect = (reply, closed) => {
    const connection = connect(reply, closed);
    let inJob = false;
    return {
      write(bytes) {
        if (!inJob && !isStatusRequest(bytes)) send({ kind: 'firstByte', kiosk, at: performance.timeOrigin + performance.now() });
        inJob = !isStatusRequest(bytes);
        connection.write(bytes);
      },
      close: () => connection.close(),
    };
  };
}
send({ kind: 'ready', httpUrl: hub.httpUrl, mqttUrl: hub.mqttUrl });
process.on('disconnect', () => void hub.stop().then(() => process.exit(0)));

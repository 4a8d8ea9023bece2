// The systemd unit `vikno-hub install` writes: the hub as a service of its own system user, its record
// in /var/lib/vikno, its config in /etc/vikno, its log in the journal (`journalctl -u vikno-hub`, which
// rotates it), restarted when it fails or hangs.

export interface UnitOptions {
  /** Absolute paths: the Node binary and the hub's dist/main.js. */
  node: string;
  main: string;
  user: string;
  configFile: string;
  dataDir: string;
}

export const UNIT_NAME = 'vikno-hub.service';

export function hubUnit(o: UnitOptions): string {
  return `# Written by \`vikno-hub install\`; running it again rewrites this file.
[Unit]
Description=Vikno hub: queue engine, MQTT broker, record and pages of the centre
Documentation=https://vikno.example.org
After=network-online.target
Wants=network-online.target
# Restarted at most 5 times in 5 minutes; then it stays down, and \`systemctl status vikno-hub\` says why.
StartLimitIntervalSec=300
StartLimitBurst=5

[Service]
Type=notify
# The hub's READY=1 and watchdog pings go through systemd-notify, a child process of the hub.
NotifyAccess=all
ExecStart=${o.node} ${o.main} run --config ${o.configFile} --data-dir ${o.dataDir}
User=${o.user}
Group=${o.user}
# Serial LED boards over the windows.
SupplementaryGroups=dialout
Environment=VIKNO_LOG_LEVEL=info
StateDirectory=${stateDirectory(o.dataDir)}
StateDirectoryMode=0750
WorkingDirectory=${o.dataDir}
Restart=on-failure
RestartSec=2
# A hung event loop stops the hub's pings: systemd kills it (SIGABRT) and restarts it.
WatchdogSec=30
TimeoutStartSec=120
TimeoutStopSec=30
# Nothing but its record and its config (the admin pages write edits back into it) is writable.
NoNewPrivileges=yes
ProtectSystem=strict
ReadWritePaths=${dirOf(o.configFile)}
ProtectHome=yes
PrivateTmp=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictSUIDSGID=yes
LockPersonality=yes

[Install]
WantedBy=multi-user.target
`;
}

/** StateDirectory= takes a path under /var/lib. */
function stateDirectory(dataDir: string): string {
  if (!dataDir.startsWith('/var/lib/')) throw new Error(`the data folder must be under /var/lib, not ${dataDir}`);
  return dataDir.slice('/var/lib/'.length);
}

function dirOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/')) || '/';
}

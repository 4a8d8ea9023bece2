#!/usr/bin/env bash
# Installs what Vikno's tests need on Debian/Ubuntu: Debian packages (Chromium for the browser tests,
# Mosquitto for the external-broker tests) and the npm workspaces. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-dejavu-core: the printer driver draws ticket previews (and text a printer has no code page for) with it.
# systemd, udev: systemd-analyze checks the service units, udevadm the kiosk PC's udev rules (deploy/, docs/deployment.md).
# postgresql: the region's central service keeps its record in it; its tests start a throwaway cluster (central/src/store/pg-cluster.ts).
packages=(chromium mosquitto mosquitto-clients fonts-dejavu-core systemd udev postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # The test starts its own Mosquitto on free ports; the packaged service is not needed.
  $sudo systemctl disable --now mosquitto >/dev/null 2>&1 || true
  $sudo systemctl disable --now postgresql >/dev/null 2>&1 || true
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm install"
  # npm install, not npm ci: it follows the lock file too, and tolerates the platform-specific
  # optional entries different npm versions record differently.
  npm install --no-audit --no-fund
fi

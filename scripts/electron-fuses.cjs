// electron-builder's afterPack hook (electron-builder.yml): sets Electron's fuses in the packed
// binary, before electron-builder signs it and wraps it in an installer. Fuses are switches compiled
// into Electron that only a rewrite of the binary changes, so a kiosk's user cannot turn them back.
'use strict';
const { join } = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** Electron's security checklist: nothing but the packed app, run only as Electron. */
const FUSES = {
  version: FuseVersion.V1,
  // `ELECTRON_RUN_AS_NODE=1 vikno-kiosk script.js` would otherwise run any script as Node.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // Checked against the hash electron-builder records in the Windows binary (Linux Electron ignores it).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** Where electron-builder put the Electron binary it renamed for this app. */
function electronBinary({ appOutDir, electronPlatformName, packager }) {
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  await flipFuses(electronBinary(context), FUSES);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;

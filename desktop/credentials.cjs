// The device's own credentials, got by pairing, kept by the main process in one file encrypted with
// the OS keychain (Electron's safeStorage: DPAPI on Windows, the Secret Service or KWallet on Linux),
// never in the page's storage nor in its address. `safeStorage` is handed in, so that tests can run
// this in plain Node.
'use strict';
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');

function isCredentials(value) {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.device === 'string' &&
    value.device !== '' &&
    typeof value.secret === 'string' &&
    value.secret !== '' &&
    (value.caFingerprint === undefined || /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(value.caFingerprint))
  );
}

function credentialStore(file, safeStorage) {
  return {
    /** The kept credentials, or null (none yet, or unreadable: the page then asks for a pairing code). */
    load() {
      try {
        const kept = JSON.parse(safeStorage.decryptString(readFileSync(file)));
        return isCredentials(kept) ? kept : null;
      } catch (error) {
        if (error.code !== 'ENOENT') console.error(`vikno: cannot read the kept credentials (${error.message}); pair the device again`);
        return null;
      }
    },
    save(credentials) {
      if (!isCredentials(credentials)) throw new Error('vikno: not device credentials');
      // Refused rather than written in the clear: the device then pairs again at its next start.
      if (!safeStorage.isEncryptionAvailable()) throw new Error('vikno: the OS keychain is not available; the credentials are not kept');
      const { device, secret, caFingerprint } = credentials;
      const next = `${file}.new`;
      writeFileSync(next, safeStorage.encryptString(JSON.stringify({ device, secret, ...(caFingerprint && { caFingerprint }) })), {
        mode: 0o600,
      });
      renameSync(next, file);
    },
    forget() {
      rmSync(file, { force: true });
    },
  };
}

module.exports = { credentialStore };

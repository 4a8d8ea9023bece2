// The decisions of the Electron shell (shell.cjs) that need no Electron: which origin a URL is on,
// which permission a page gets, which IPC sender is the hub's page, how long to wait before reloading
// a crashed page. Kept apart so that tests can run them in plain Node.
'use strict';
const { X509Certificate } = require('node:crypto');

function onOrigin(url, origin) {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Whether a page asking for `permission` gets it: only a page of the hub, and only a permission its
 * app declared (`allowed`). Everything else — camera, microphone, location, notifications, the
 * clipboard, opening links outside — is refused.
 */
function permissionAllowed({ permission, requestingUrl, origin, allowed }) {
  return onOrigin(requestingUrl, origin) && allowed.includes(permission);
}

/**
 * Whether an IPC message comes from the hub's page itself: its main frame, on the hub's origin. A
 * frame the page embeds, or a page that got elsewhere, cannot reach the printer.
 * `frame` is the sender's `WebFrameMain` (null once the frame is gone).
 */
function senderAllowed(frame, origin) {
  return frame != null && frame.parent == null && onOrigin(frame.url, origin);
}

/**
 * The delays before reloading a page that crashed or failed to load: 1 s, 2 s, 4 s … up to `maxMs`,
 * back to the first once the page has stayed up `stableMs` since the last failure. A page that crashes
 * as soon as it loads thus waits longer each time instead of spinning in a tight loop.
 */
function createBackoff({ firstMs = 1000, maxMs = 60_000, stableMs = 120_000, now = Date.now } = {}) {
  let failures = 0;
  let lastFailure = Number.NEGATIVE_INFINITY;
  return {
    /** Records a failure; answers how long to wait before trying again. */
    next() {
      const at = now();
      if (at - lastFailure >= stableMs) failures = 0;
      lastFailure = at;
      failures += 1;
      return Math.min(maxMs, firstMs * 2 ** (failures - 1));
    },
  };
}

/**
 * Whether the certificate chain a server presents for `hostname` is pinned to the CA whose SHA-256
 * fingerprint is `fingerprint` (the hub's own CA, from the pairing QR or the device config): the leaf
 * is for that host, and each certificate up to the pinned one is signed by the next. `certificate` is
 * Electron's Certificate (`data`: PEM, `issuerCert`: the next one up).
 */
function pinnedChain({ hostname, certificate, fingerprint, now = Date.now() }) {
  const pinned = fingerprint.toUpperCase();
  try {
    let cert = new X509Certificate(certificate.data);
    const inTime = (c) => Date.parse(c.validFrom) <= now && now <= Date.parse(c.validTo);
    const host = hostname.replace(/^\[|\]$/g, '');
    if (!inTime(cert) || !(cert.checkHost(host) || cert.checkIP(host))) return false;
    for (let next = certificate.issuerCert; ; next = next.issuerCert) {
      if (cert.fingerprint256 === pinned) return true;
      // A self-signed certificate that is not the pinned one ends the chain.
      if (!next || next.data === undefined) return false;
      const issuer = new X509Certificate(next.data);
      if (!inTime(issuer) || !cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) return false;
      if (issuer.fingerprint256 === cert.fingerprint256) return false;
      cert = issuer;
    }
  } catch {
    return false;
  }
}

module.exports = { onOrigin, permissionAllowed, senderAllowed, createBackoff, pinnedChain };

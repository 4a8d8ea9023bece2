// The decisions of the Electron shell (shell.cjs) that need no Electron: which origin a URL is on,
// which permission a page gets, which IPC sender is the hub's page, how long to wait before reloading
// a crashed page. Kept apart so that tests can run them in plain Node.
'use strict';

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

module.exports = { onOrigin, permissionAllowed, senderAllowed, createBackoff };

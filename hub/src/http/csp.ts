// The Content-Security-Policy the hub sends with every response: the apps, the visitors' pages, their
// scripts and workers. A page can then run only the hub's own script files, so text a visitor or an
// operator typed (a name, a service's title from the config) can never become a script, and the page
// talks to nobody but the hub and its MQTT broker. Written here, not with @fastify/helmet: one header
// whose every word the apps' needs decide, without helmet's other defaults (upgrade-insecure-requests,
// cross-origin isolation), which would break a hall's plain-http network.

/**
 * The policy for pages whose MQTT WebSocket is `mqttUrl` (a path on the hub, or an external broker's
 * `ws://host:port/…`).
 */
export function contentSecurityPolicy(mqttUrl: string): string {
  const broker = absoluteOrigin(mqttUrl);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // eSpeak NG compiles its WASM in a worker (display, kiosk): that needs wasm-unsafe-eval, not unsafe-eval.
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    // mqtt.js runs its keep-alive timer in a worker made from a blob: (worker-timers), so that a page in
    // a background tab, which Chromium throttles, still pings the broker. Only a script the page runs
    // can make one, and script-src decides those.
    'worker-src': ["'self'", 'blob:'],
    // React sets inline styles through the DOM (element.style), which a policy does not govern.
    'style-src': ["'self'"],
    // QR codes are drawn as data: URLs (booking code, kiosk's no-ticket page), as is a ticket's preview.
    'img-src': ["'self'", 'data:'],
    // `'self'` covers ws: and wss: to the hub itself (the embedded broker at /mqtt).
    'connect-src': ["'self'", ...(broker ? [broker] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

function absoluteOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

// The Content-Security-Policy central sends with every response, as the hub's (hub/src/http/csp.ts)
// but with no broker: its pages run only central's own script files and talk to nobody but central.
const DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // React sets inline styles through the DOM (element.style), which a policy does not govern.
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export const CENTRAL_CSP = Object.entries(DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

// HTTPS and WSS for the hub (`http.tls`): the centre's own certificate and key, or `auto`, where the hub
// makes a small CA of its own once (kept in the data folder, so its fingerprint, which paired devices
// pin, stays the same across restarts) and from it a certificate for the names and addresses it has
// now, made again when they change or it nears its end. Browsers on the hall's PCs can be told to trust
// the CA (docs/deployment.md); the Electron apps pin its fingerprint from the pairing QR.
import { generateKeyPairSync, X509Certificate as NodeX509, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Config } from '@vikno/shared';
import forge from 'node-forge';

const DAY_MS = 86_400_000;
const CA_DAYS = 20 * 365;
/** Browsers refuse a server certificate valid for longer than 825 days. */
const SERVER_DAYS = 825;
/** A server certificate this close to its end is made again at the next start. */
const RENEW_DAYS = 30;

export interface HubTls {
  key: string;
  cert: string;
  /** The hub's own CA (`auto`): its PEM, for a client or a browser to trust, and its SHA-256 fingerprint. */
  ca: { cert: string; fingerprint: string } | null;
}

/** The key and certificate the hub serves with, or undefined without `http.tls`. */
export async function hubTls(config: Config, now = Date.now()): Promise<HubTls | undefined> {
  const tls = config.http.tls;
  if (!tls) return undefined;
  if (tls !== 'auto') return { key: readFileSync(tls.key, 'utf8'), cert: readFileSync(tls.cert, 'utf8'), ca: null };
  return autoTls(join(config.dataDir, 'tls'), hubNames(config), config.site.id, now);
}

/** The names and addresses the hall's devices may reach the hub at. */
export function hubNames(config: Config): string[] {
  const names = new Set(['localhost', '127.0.0.1', '::1', hostname(), `${hostname()}.local`]);
  for (const addresses of Object.values(networkInterfaces()))
    for (const a of addresses ?? []) names.add(a.address.split('%')[0] ?? a.address);
  if (config.http.publicUrl) names.add(new URL(config.http.publicUrl).hostname.replace(/^\[|\]$/g, ''));
  return [...names].sort();
}

/** The CA and a server certificate for `names` under `dir`, each made when missing, the server's when stale. */
export async function autoTls(dir: string, names: readonly string[], site: string, now = Date.now()): Promise<HubTls> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (name: string) => join(dir, name);
  if (!existsSync(file('ca.pem')) || !existsSync(file('ca-key.pem'))) {
    const keys = generateKeys();
    const ca = forge.pki.createCertificate();
    ca.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
    ca.serialNumber = serial();
    validity(ca, now, CA_DAYS);
    const name = [{ name: 'commonName', value: `Vikno hub CA ${site}` }];
    ca.setSubject(name);
    ca.setIssuer(name);
    ca.setExtensions([
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    ca.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create());
    writeFileSync(file('ca-key.pem'), keys.privateKey, { mode: 0o600 });
    writeFileSync(file('ca.pem'), forge.pki.certificateToPem(ca));
  }
  const caPem = readFileSync(file('ca.pem'), 'utf8');
  if (!serverCertFits(file('server.pem'), caPem, names, now)) {
    const ca = forge.pki.certificateFromPem(caPem);
    const keys = generateKeys();
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
    cert.serialNumber = serial();
    validity(cert, now, SERVER_DAYS);
    cert.setSubject([{ name: 'commonName', value: names.find((n) => !isIP(n) && n !== 'localhost') ?? 'vikno-hub' }]);
    cert.setIssuer(ca.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })) },
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
    ]);
    cert.sign(forge.pki.privateKeyFromPem(readFileSync(file('ca-key.pem'), 'utf8')), forge.md.sha256.create());
    writeFileSync(file('server-key.pem'), keys.privateKey, { mode: 0o600 });
    writeFileSync(file('server.pem'), forge.pki.certificateToPem(cert));
  }
  return {
    key: readFileSync(file('server-key.pem'), 'utf8'),
    cert: readFileSync(file('server.pem'), 'utf8'),
    ca: { cert: caPem, fingerprint: new NodeX509(caPem).fingerprint256 },
  };
}

/** Issued by this CA, for every one of `names`, and not near its end. */
function serverCertFits(path: string, caPem: string, names: readonly string[], now: number): boolean {
  if (!existsSync(path)) return false;
  const cert = new NodeX509(readFileSync(path, 'utf8'));
  if (!cert.verify(new NodeX509(caPem).publicKey)) return false;
  if (Date.parse(cert.validTo) - now < RENEW_DAYS * DAY_MS) return false;
  const covered = new Set((cert.subjectAltName ?? '').split(', ').map((entry) => entry.replace(/^(DNS|IP Address):/, '')));
  return names.every((n) => covered.has(n) || covered.has(expandIpv6(n)));
}

/** Node writes IPv6 addresses in a certificate in full (`0:0:0:0:0:0:0:1`); the names list has them short. */
function expandIpv6(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const parts = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return parts.map((p) => p.replace(/^0+(?=.)/, '').toUpperCase()).join(':');
}

/** RSA, made by Node's own crypto (node-forge, which writes the certificates, signs only with RSA). */
function generateKeys(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function validity(cert: forge.pki.Certificate, now: number, days: number): void {
  cert.validity.notBefore = new Date(now - DAY_MS);
  cert.validity.notAfter = new Date(now + days * DAY_MS);
}

/** A positive serial number of 16 random bytes (the top bit cleared: DER integers are signed). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

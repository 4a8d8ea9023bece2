// HTTPS and WSS for the hub (`http.tls`): the centre's own certificate and key, or `auto`, where the hub
// makes a small CA of its own once (kept in the data folder, so its fingerprint, which paired devices
// pin, stays the same across restarts) and from it a certificate for the names and addresses it has
// now, made again when they change or it nears its end. Browsers on the hall's PCs can be told to trust
// the CA (docs/deployment.md); the Electron apps pin its fingerprint from the pairing QR.
import { X509Certificate as NodeX509, randomBytes, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import type { Config } from '@vikno/shared';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
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
  for (const addresses of Object.values(networkInterfaces())) for (const a of addresses ?? []) names.add(a.address.split('%')[0] ?? a.address);
  if (config.http.publicUrl) names.add(new URL(config.http.publicUrl).hostname.replace(/^\[|\]$/g, ''));
  return [...names].sort();
}

/** The CA and a server certificate for `names` under `dir`, each made when missing, the server's when stale. */
export async function autoTls(dir: string, names: readonly string[], site: string, now = Date.now()): Promise<HubTls> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (name: string) => join(dir, name);
  if (!existsSync(file('ca.pem')) || !existsSync(file('ca-key.pem'))) {
    const keys = await generateKeys();
    const ca = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: `CN=Vikno hub CA ${site}`,
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + CA_DAYS * DAY_MS),
      signingAlgorithm: ALGORITHM,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    writeFileSync(file('ca-key.pem'), await privatePem(keys.privateKey), { mode: 0o600 });
    writeFileSync(file('ca.pem'), ca.toString('pem'));
  }
  const caPem = readFileSync(file('ca.pem'), 'utf8');
  if (!serverCertFits(file('server.pem'), caPem, names, now)) {
    const ca = new x509.X509Certificate(caPem);
    const caKey = await webcrypto.subtle.importKey(
      'pkcs8',
      x509.PemConverter.decodeFirst(readFileSync(file('ca-key.pem'), 'utf8')),
      ALGORITHM,
      false,
      ['sign'],
    );
    const keys = await generateKeys();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${names.find((n) => !isIP(n) && n !== 'localhost') ?? 'vikno-hub'}`,
      issuer: ca.subject,
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + SERVER_DAYS * DAY_MS),
      signingAlgorithm: ALGORITHM,
      publicKey: keys.publicKey,
      signingKey: caKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(names.map((n) => (isIP(n) ? { type: 'ip', value: n } : { type: 'dns', value: n }))),
        await x509.AuthorityKeyIdentifierExtension.create(ca),
      ],
    });
    writeFileSync(file('server-key.pem'), await privatePem(keys.privateKey), { mode: 0o600 });
    writeFileSync(file('server.pem'), cert.toString('pem'));
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

function generateKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

async function privatePem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** A positive serial number of 16 random bytes (the top bit cleared: DER integers are signed). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

// Credentials at rest. Operator PINs: scrypt (memory-hard, so a stolen config does not give up short
// PINs cheaply). Device secrets: PBKDF2-SHA512 in Mosquitto's own `$7$` format, so the same hash
// works in the embedded broker and in a Mosquitto password file.
import { pbkdf2, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(pin, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keylen);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(pin, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p), expected.length);
  return timingSafeEqual(key, expected);
}

/** The `$7$` form lives in shared: the region's central service writes its sites' passwords with it too. */
export { hashSecret } from '@vikno/shared/node';

/** Off the main thread (libuv's pool): a device signing in with a wrong secret holds up no one. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [, scheme, iterations, salt, hash] = stored.split('$');
  if (scheme !== '7' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await new Promise<Buffer>((resolve, reject) =>
    pbkdf2(secret, Buffer.from(salt, 'base64'), Number(iterations), expected.length, 'sha512', (err, k) =>
      err ? reject(err) : resolve(k),
    ),
  );
  return timingSafeEqual(key, expected);
}

function scryptAsync(pin: string, salt: Buffer, N: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, keylen, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Seals secrets Cairn must use again (a warehouse's connection URL) with AES-256-GCM under the
 * server's secret key: `CAIRN_SECRET_KEY`, or `secret.key` in the data directory, made on first
 * start. A sealed text names the key it was sealed with, so a process holding another key says so
 * instead of failing obscurely (docs/adr/0011).
 */
export type SecretBox = {
  /** Eight hex digits of the key's SHA-256: safe to show, to tell keys apart. */
  keyId: string;
  seal(plain: string): string;
  open(sealed: string): string;
};

export class SecretKeyError extends Error {}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new SecretKeyError('the secret key must be 32 bytes');
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return {
    keyId,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', keyId, iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, sealedWith, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) {
        throw new SecretKeyError('the stored secret is not in a form this version can read');
      }
      if (sealedWith !== keyId) {
        throw new SecretKeyError(
          `the stored secret was sealed with key ${sealedWith}, but this process has key ${keyId}: give every Cairn process the same CAIRN_SECRET_KEY`,
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/** A 32-byte key given as base64 or hex (`openssl rand -base64 32`). */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new SecretKeyError(
      'CAIRN_SECRET_KEY must be 32 bytes, as base64 or hex (make one with: openssl rand -base64 32)',
    );
  }
  return key;
}

/** The configured key, else the data directory's own, made (readable by its owner only) if new. */
export function loadSecretBox(configured: string | undefined, dataDir: string): SecretBox {
  if (configured) return createSecretBox(parseSecretKey(configured));
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    } catch (error) {
      // A server and a worker starting together: the other made it first, and it is the key.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return createSecretBox(parseSecretKey(readFileSync(file, 'utf8')));
}

/** For processes that were given no key: says so when a secret is needed. */
export const noSecretBox: SecretBox = {
  keyId: 'none',
  seal() {
    throw new SecretKeyError('this process has no secret key to seal secrets with');
  },
  open() {
    throw new SecretKeyError('this process has no secret key to open secrets with');
  },
};

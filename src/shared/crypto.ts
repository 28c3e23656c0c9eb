import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret, URL-safe, with an optional readable prefix (`cairn_…` for API tokens). */
export function createSecret(prefix = '', bytes = 32): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

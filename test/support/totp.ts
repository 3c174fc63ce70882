// RFC 6238 TOTP codes (HMAC-SHA1, 6 digits, 30 s), as an authenticator app computes them from the secret Cognito
// hands out in AssociateSoftwareToken (base32). Written here rather than taken from a library, so the tests check
// the emulator's verification against an independent implementation.
import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(secret: string): Buffer {
  let bits = '';
  for (const char of secret.replace(/=+$/, '').toUpperCase()) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let index = 0; index + 8 <= bits.length; index += 8) bytes.push(Number.parseInt(bits.slice(index, index + 8), 2));
  return Buffer.from(bytes);
}

/** The code for the 30-second step `offset` steps away from now (0: the current one). */
export function totp(secret: string, offset = 0, now = Date.now()): string {
  const counter = Math.floor(now / 1000 / 30) + offset;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', base32Decode(secret)).update(message).digest();
  const start = (digest[digest.length - 1] ?? 0) & 0x0f;
  const value = digest.readUInt32BE(start) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

/** A 6-digit code no nearby step accepts (the emulator tolerates one step either way). */
export function wrongTotp(secret: string): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((offset) => totp(secret, offset)));
  for (let candidate = 0; ; candidate++) {
    const code = String((Number(totp(secret)) + 1 + candidate * 7919) % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

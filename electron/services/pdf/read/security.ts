/**
 * The standard security handler (ISO 32000-2, 7.6.4), for files that open without a password: many
 * council and NHS documents are encrypted only to restrict printing or copying. The reader tries the empty
 * user password; a file that needs a real one is reported as password-protected, never read as garbage.
 * RC4 (40–128 bit), AES-128 (AESV2) and AES-256 (AESV3, revisions 5 and 6).
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { isDict, isName, isNumber, PdfString, type PdfDict, type PdfValue } from './objects';

const PAD = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e,
  0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

export class PasswordRequired extends Error {}
class UnsupportedEncryption extends Error {}

function md5(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
    out[k] = data[k] ^ s[(s[i] + s[j]) & 0xff];
  }
  return out;
}

function aesDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length < 16) return new Uint8Array(0);
  const iv = data.subarray(0, 16);
  const body = data.subarray(16, 16 + Math.floor((data.length - 16) / 16) * 16);
  const algorithm = key.length === 32 ? 'aes-256-cbc' : 'aes-128-cbc';
  try {
    const d = createDecipheriv(algorithm, key, iv);
    return Buffer.concat([d.update(body), d.final()]);
  } catch {
    // Bad padding: keep the blocks as they decrypt.
    const d = createDecipheriv(algorithm, key, iv);
    d.setAutoPadding(false);
    return Buffer.concat([d.update(body), d.final()]);
  }
}

function le(n: number, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = (n >>> (8 * i)) & 0xff;
  return out;
}

type Method = 'rc4' | 'aes' | 'aes256' | 'none';

/** Revision 6's hash (Algorithm 2.B); revision 5 is a single SHA-256. */
function hashR6(password: Uint8Array, salt: Uint8Array, udata: Uint8Array, revision: number): Uint8Array {
  let k: Uint8Array = createHash('sha256').update(password).update(salt).update(udata).digest();
  if (revision < 6) return k;
  for (let round = 0; ; round++) {
    const block = Buffer.concat([password, k, udata]);
    const k1 = Buffer.alloc(block.length * 64);
    for (let i = 0; i < 64; i++) block.copy(k1, i * block.length);
    const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
    cipher.setAutoPadding(false);
    const e = Buffer.concat([cipher.update(k1), cipher.final()]);
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i];
    const algorithm = ['sha256', 'sha384', 'sha512'][sum % 3];
    k = createHash(algorithm).update(e).digest();
    if (round >= 63 && e[e.length - 1] <= round + 1 - 32) break;
  }
  return k.subarray(0, 32);
}

export class Decryptor {
  private constructor(
    private readonly key: Uint8Array,
    private readonly revision: number,
    private readonly streamMethod: Method,
    private readonly stringMethod: Method,
    readonly encryptMetadata: boolean,
  ) {}

  /**
   * Sets up decryption with the empty user password. Throws PasswordRequired when a password is needed,
   * UnsupportedEncryption for a handler other than the standard one.
   */
  static open(
    encrypt: PdfDict,
    fileId: Uint8Array,
    resolve: (v: PdfValue | undefined) => PdfValue | undefined,
  ): Decryptor {
    const filter = resolve(encrypt.get('Filter'));
    if (!isName(filter, 'Standard')) throw new UnsupportedEncryption('not the standard security handler');
    const v = numberOr(resolve(encrypt.get('V')), 0);
    const r = numberOr(resolve(encrypt.get('R')), 2);
    const o = bytesOf(resolve(encrypt.get('O')));
    const u = bytesOf(resolve(encrypt.get('U')));
    const p = numberOr(resolve(encrypt.get('P')), 0);
    const encryptMetadata = resolve(encrypt.get('EncryptMetadata')) !== false;
    let streamMethod: Method = 'rc4';
    let stringMethod: Method = 'rc4';
    let lengthBytes = Math.floor(numberOr(resolve(encrypt.get('Length')), 40) / 8);
    if (v >= 4) {
      const cf = resolve(encrypt.get('CF'));
      const methodOf = (name: PdfValue | undefined): Method => {
        if (!isName(name) || name.name === 'Identity') return 'none';
        const filterDict = isDict(cf) ? resolve(cf.get(name.name)) : undefined;
        const cfm = isDict(filterDict) ? resolve(filterDict.get('CFM')) : undefined;
        if (isName(cfm, 'AESV2')) return 'aes';
        if (isName(cfm, 'AESV3')) return 'aes256';
        if (isName(cfm, 'None')) return 'none';
        return 'rc4';
      };
      streamMethod = methodOf(resolve(encrypt.get('StmF')));
      stringMethod = methodOf(resolve(encrypt.get('StrF')));
      if (streamMethod === 'aes' || stringMethod === 'aes') lengthBytes = 16;
    }
    if (v === 1 || r === 2) lengthBytes = 5;
    lengthBytes = Math.min(16, Math.max(5, lengthBytes));

    if (r >= 5) {
      if (u.length < 48) throw new UnsupportedEncryption('the encryption dictionary is damaged');
      const ue = bytesOf(resolve(encrypt.get('UE')));
      const empty = new Uint8Array(0);
      const check = hashR6(empty, u.subarray(32, 40), empty, r);
      if (Buffer.compare(Buffer.from(check), Buffer.from(u.subarray(0, 32))) !== 0)
        throw new PasswordRequired('a password is needed');
      const intermediate = hashR6(empty, u.subarray(40, 48), empty, r);
      const d = createDecipheriv('aes-256-cbc', intermediate, new Uint8Array(16));
      d.setAutoPadding(false);
      const key = Buffer.concat([d.update(ue.subarray(0, 32)), d.final()]);
      return new Decryptor(key, r, streamMethod, stringMethod, encryptMetadata);
    }

    // Algorithm 2: the file key from the (empty) padded password.
    let key = md5(
      PAD,
      o.subarray(0, 32),
      le(p >>> 0, 4),
      fileId,
      r >= 4 && !encryptMetadata ? Uint8Array.from([0xff, 0xff, 0xff, 0xff]) : new Uint8Array(0),
    );
    if (r >= 3) for (let i = 0; i < 50; i++) key = md5(key.subarray(0, lengthBytes));
    key = key.subarray(0, lengthBytes);
    // Algorithms 4 and 5: is the empty password the user password?
    let ok: boolean;
    if (r === 2) {
      ok = Buffer.compare(Buffer.from(rc4(key, PAD)), Buffer.from(u.subarray(0, 32))) === 0;
    } else {
      let x = rc4(key, md5(PAD, fileId));
      for (let i = 1; i <= 19; i++)
        x = rc4(
          key.map((b) => b ^ i),
          x,
        );
      ok = Buffer.compare(Buffer.from(x.subarray(0, 16)), Buffer.from(u.subarray(0, 16))) === 0;
    }
    if (!ok) throw new PasswordRequired('a password is needed');
    return new Decryptor(key, r, streamMethod, stringMethod, encryptMetadata);
  }

  private objectKey(num: number, gen: number, aes: boolean): Uint8Array {
    const k = md5(
      this.key,
      le(num, 3),
      le(gen, 2),
      aes ? Uint8Array.from([0x73, 0x41, 0x6c, 0x54]) : new Uint8Array(0),
    );
    return k.subarray(0, Math.min(this.key.length + 5, 16));
  }

  private decrypt(method: Method, num: number, gen: number, data: Uint8Array): Uint8Array {
    switch (method) {
      case 'none':
        return data;
      case 'aes256':
        return aesDecrypt(this.key, data);
      case 'aes':
        return aesDecrypt(this.revision >= 5 ? this.key : this.objectKey(num, gen, true), data);
      default:
        return rc4(this.objectKey(num, gen, false), data);
    }
  }

  decryptString(num: number, gen: number, data: Uint8Array): Uint8Array {
    return this.decrypt(this.stringMethod, num, gen, data);
  }

  decryptStream(num: number, gen: number, data: Uint8Array): Uint8Array {
    return this.decrypt(this.streamMethod, num, gen, data);
  }
}

function numberOr(v: PdfValue | undefined, fallback: number): number {
  return isNumber(v) ? v : fallback;
}

function bytesOf(v: PdfValue | undefined): Uint8Array {
  return v instanceof PdfString ? v.bytes : new Uint8Array(0);
}

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSignature, parsePublicKey, parseSignature, type MinisignPublicKey } from './minisign.js';
import {
  copyPlugin,
  generateKeyPair,
  keyIdMinisignPrints,
  minisignVerifies,
  requireMinisign,
  sign,
  type KeyPair,
} from './test-support/minisign-cli.js';

let dir: string;
let author: KeyPair;
let stranger: KeyPair;
let authorKey: MinisignPublicKey;
let strangerKey: MinisignPublicKey;
/** ok-basic.so signed pre-hashed (minisign's default) and, as a copy, legacy. */
let prehashed: string;
let legacy: string;

const COMMENT = 'quire test signer: ok-basic 1.0';

function publicKeyOf(file: string): Promise<MinisignPublicKey> {
  return readFile(file, 'utf8').then((text) => {
    const parsed = parsePublicKey(text);
    if ('problem' in parsed) throw new Error(parsed.problem);
    return parsed;
  });
}

beforeAll(async () => {
  requireMinisign();
  dir = await mkdtemp(path.join(tmpdir(), 'quire-minisign-'));
  author = generateKeyPair(dir, 'author');
  stranger = generateKeyPair(dir, 'stranger');
  authorKey = await publicKeyOf(author.publicKeyFile);
  strangerKey = await publicKeyOf(stranger.publicKeyFile);
  prehashed = copyPlugin(path.join(dir, 'prehashed.so'));
  legacy = copyPlugin(path.join(dir, 'legacy.so'));
  sign(prehashed, author, COMMENT);
  sign(legacy, author, COMMENT, true);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function check(file: string, signatureText?: string, keys = [authorKey]) {
  return checkSignature(await readFile(file), signatureText ?? (await readFile(`${file}.minisig`, 'utf8')), keys);
}

describe('key ids', () => {
  it('are printed the way minisign prints them, in the .pub comment and when verifying', async () => {
    const comment = (await readFile(author.publicKeyFile, 'utf8')).split('\n')[0]!;
    expect(comment).toBe(`untrusted comment: minisign public key ${authorKey.keyId}`);
    expect(authorKey.keyId).toMatch(/^[1-9A-F][0-9A-F]{0,15}$/);
    expect(keyIdMinisignPrints(prehashed, stranger.publicKeyFile)).toBe(authorKey.keyId);
    expect(authorKey.publicKey).toHaveLength(32);
  });

  it('drop leading zeros, as minisign does (%" PRIX64), for the one key in sixteen that has them', async () => {
    // Key ids are random: make keys until one starts with a zero digit (1 in 16; 200 tries miss once in 10^5).
    for (let attempt = 0; attempt < 200; attempt++) {
      const keys = generateKeyPair(dir, `zero-${attempt}`);
      const key = await publicKeyOf(keys.publicKeyFile);
      const stored = Buffer.from((await readFile(keys.publicKeyFile, 'utf8')).split('\n')[1]!, 'base64');
      if (stored[9]! >= 0x10) continue;
      const comment = (await readFile(keys.publicKeyFile, 'utf8')).split('\n')[0]!;
      expect(comment).toBe(`untrusted comment: minisign public key ${key.keyId}`);
      const file = copyPlugin(path.join(dir, 'zero.so'));
      sign(file, keys, COMMENT);
      expect(keyIdMinisignPrints(file, stranger.publicKeyFile)).toBe(key.keyId);
      expect(key.keyId.length).toBeLessThan(16);
      expect(await check(file, undefined, [key])).toMatchObject({ status: 'valid', keyId: key.keyId });
      return;
    }
    throw new Error('no key with a leading zero in its id among 200');
  });

  it('are read little-endian from the key bytes', () => {
    const raw = Buffer.alloc(42);
    raw.write('Ed', 0, 'latin1');
    Buffer.from('EFCDAB8967450300', 'hex').copy(raw, 2);
    const parsed = parsePublicKey(`untrusted comment: minisign public key 3456789ABCDEF\n${raw.toString('base64')}\n`);
    expect(parsed).toMatchObject({ keyId: '3456789ABCDEF' });
  });

  it('are read from a signature, in both forms', async () => {
    for (const file of [prehashed, legacy]) {
      const parsed = parseSignature(await readFile(`${file}.minisig`, 'utf8'));
      expect(parsed).toMatchObject({ keyId: authorKey.keyId, trustedComment: COMMENT });
    }
    expect(parseSignature(await readFile(`${prehashed}.minisig`, 'utf8'))).toMatchObject({ algorithm: 'prehashed' });
    expect(parseSignature(await readFile(`${legacy}.minisig`, 'utf8'))).toMatchObject({ algorithm: 'legacy' });
  });
});

describe('checkSignature', () => {
  it('accepts a pre-hashed signature (minisign -S) by a trusted key', async () => {
    expect(minisignVerifies(prehashed, author.publicKeyFile)).toBe(true);
    expect(await check(prehashed)).toEqual({ status: 'valid', keyId: authorKey.keyId, trustedComment: COMMENT });
  });

  it('accepts a legacy signature (minisign -S -l) by a trusted key', async () => {
    expect(minisignVerifies(legacy, author.publicKeyFile)).toBe(true);
    expect(await check(legacy)).toEqual({ status: 'valid', keyId: authorKey.keyId, trustedComment: COMMENT });
  });

  it('finds the right key among several', async () => {
    expect(await check(prehashed, undefined, [strangerKey, authorKey])).toMatchObject({ status: 'valid' });
  });

  it('accepts a signature file saved with CRLF line ends', async () => {
    const text = (await readFile(`${prehashed}.minisig`, 'utf8')).replace(/\n/g, '\r\n');
    expect(await check(prehashed, text)).toMatchObject({ status: 'valid', trustedComment: COMMENT });
  });

  it.each([
    ['first', 0],
    ['middle', 0.5],
    ['last', 1],
  ])('refuses the file with its %s byte changed, in both forms', async (_where, at) => {
    for (const file of [prehashed, legacy]) {
      const bytes = await readFile(file);
      const index = Math.min(bytes.length - 1, Math.floor(bytes.length * at));
      bytes[index] = bytes[index]! ^ 0x01;
      const changed = path.join(dir, `changed-${path.basename(file)}`);
      await writeFile(changed, bytes);
      const signature = await readFile(`${file}.minisig`, 'utf8');
      await writeFile(`${changed}.minisig`, signature);
      expect(minisignVerifies(changed, author.publicKeyFile)).toBe(false);
      const result = await check(changed, signature);
      expect(result).toMatchObject({ status: 'invalid', keyId: authorKey.keyId });
      expect(result.status === 'invalid' && result.problem).toMatch(/not the one that was signed/);
    }
  });

  it('refuses a signature whose trusted comment was edited', async () => {
    const lines = (await readFile(`${prehashed}.minisig`, 'utf8')).split('\n');
    lines[2] = 'trusted comment: quire test signer: ok-basic 9.9 (official!)';
    const tampered = path.join(dir, 'tampered.minisig');
    await writeFile(tampered, lines.join('\n'));
    expect(minisignVerifies(prehashed, author.publicKeyFile, tampered)).toBe(false);
    const result = await check(prehashed, lines.join('\n'));
    expect(result).toMatchObject({ status: 'invalid', keyId: authorKey.keyId });
    expect(result.status === 'invalid' && result.problem).toMatch(/trusted comment was changed/);
  });

  it('reports a signature by a key that is not trusted, with its id', async () => {
    expect(await check(prehashed, undefined, [strangerKey])).toEqual({ status: 'unknown-key', keyId: authorKey.keyId });
    expect(await check(legacy, undefined, [])).toEqual({ status: 'unknown-key', keyId: authorKey.keyId });
  });

  it('refuses a signature made with another key that claims a trusted key id', async () => {
    // The stranger's signature, relabelled with the author's key id: the id alone proves nothing.
    const other = copyPlugin(path.join(dir, 'relabelled.so'));
    sign(other, stranger, COMMENT);
    const lines = (await readFile(`${other}.minisig`, 'utf8')).split('\n');
    const raw = Buffer.from(lines[1]!, 'base64');
    // minisign prints key ids without leading zeros: pad back to the id's 8 bytes.
    Buffer.from(authorKey.keyId.padStart(16, '0'), 'hex').reverse().copy(raw, 2);
    lines[1] = raw.toString('base64');
    expect(await check(other, lines.join('\n'))).toMatchObject({ status: 'invalid', keyId: authorKey.keyId });
  });

  it.each([
    ['an empty file', ''],
    ['plain text', 'this is not a signature\n'],
    ['a public key', 'untrusted comment: minisign public key 0\nRWTJwcrCAwUsiSa3uk5VzOZUy6o3IHTEx1z9H5H/Fo1zEzREtil7Y5aL\n'],
    ['three lines only', 'untrusted comment: x\nRUTJ\ntrusted comment: y\n'],
  ])('refuses %s as a signature, with no key id', async (_what, text) => {
    const result = await check(prehashed, text);
    expect(result).toMatchObject({ status: 'invalid', keyId: null });
    expect(result.status === 'invalid' && result.problem.length).toBeGreaterThan(10);
  });

  it.each([
    ['a truncated signature line', (lines: string[]) => (lines[1] = lines[1]!.slice(0, 40))],
    ['a signature line with characters outside base64', (lines: string[]) => (lines[1] = `${lines[1]!.slice(0, -4)}!!!!`)],
    ['no "trusted comment:" prefix', (lines: string[]) => (lines[2] = lines[2]!.replace('trusted comment: ', 'comment: '))],
    ['a truncated comment signature', (lines: string[]) => (lines[3] = lines[3]!.slice(0, 20))],
    ['another algorithm', (lines: string[]) => {
      const raw = Buffer.from(lines[1]!, 'base64');
      raw.write('XX', 0, 'latin1');
      lines[1] = raw.toString('base64');
    }],
    ['no untrusted comment line', (lines: string[]) => (lines[0] = 'hello')],
  ])('refuses a .minisig with %s', async (_what, damage) => {
    const lines = (await readFile(`${prehashed}.minisig`, 'utf8')).split('\n');
    damage(lines);
    const result = await check(prehashed, lines.join('\n'));
    expect(result).toMatchObject({ status: 'invalid', keyId: null });
  });
});

describe('parsePublicKey', () => {
  it.each([
    ['garbage', 'garbage\n\x00\x01'],
    ['an empty file', ''],
    ['a key line that is too short', 'untrusted comment: minisign public key\nRWTJwcrCAwUs\n'],
    ['a secret key', 'untrusted comment: minisign encrypted secret key\nRWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n'],
    ['a signature', null],
  ])('refuses %s with a problem, never a throw', async (_what, text) => {
    const parsed = parsePublicKey(text ?? (await readFile(`${prehashed}.minisig`, 'utf8')));
    expect(parsed).toEqual({ problem: expect.any(String) });
  });

  it('refuses a key of another algorithm', () => {
    const raw = Buffer.alloc(42);
    raw.write('XY', 0, 'latin1');
    expect(parsePublicKey(`untrusted comment: x\n${raw.toString('base64')}\n`)).toEqual({ problem: expect.stringMatching(/Ed25519/) });
  });
});

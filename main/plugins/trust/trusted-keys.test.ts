import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkSignature } from './minisign.js';
import { generateKeyPair, requireMinisign, sign, copyPlugin } from './test-support/minisign-cli.js';
import { loadTrustedKeys, trustedKeysDir } from './trusted-keys.js';

let root: string;
let configDir: string;

beforeAll(() => requireMinisign());

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'quire-trusted-keys-'));
  configDir = path.join(root, 'config');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadTrustedKeys', () => {
  it('finds no keys and no problems when the folder does not exist', async () => {
    expect(await loadTrustedKeys(configDir)).toEqual({ keys: [], problems: [] });
  });

  it('loads every .pub file, and its keys verify what the matching secret key signed', async () => {
    const keysDir = trustedKeysDir(configDir);
    await mkdir(keysDir, { recursive: true });
    const alice = generateKeyPair(root, 'alice');
    const bob = generateKeyPair(root, 'bob');
    await copyFile(alice.publicKeyFile, path.join(keysDir, 'alice.pub'));
    await copyFile(bob.publicKeyFile, path.join(keysDir, 'bob.pub'));
    // Not a key file by name: ignored, not a problem.
    await writeFile(path.join(keysDir, 'README.txt'), 'put .pub files here');

    const { keys, problems } = await loadTrustedKeys(configDir);
    expect(problems).toEqual([]);
    expect(keys.map((key) => key.file)).toEqual([path.join(keysDir, 'alice.pub'), path.join(keysDir, 'bob.pub')]);
    const aliceComment = (await readFile(alice.publicKeyFile, 'utf8')).split('\n')[0]!;
    expect(aliceComment).toBe(`untrusted comment: minisign public key ${keys[0]!.keyId}`);

    const plugin = copyPlugin(path.join(root, 'plugin.so'));
    sign(plugin, bob, 'by bob');
    const result = checkSignature(await readFile(plugin), await readFile(`${plugin}.minisig`, 'utf8'), keys);
    expect(result).toEqual({ status: 'valid', keyId: keys[1]!.keyId, trustedComment: 'by bob' });
  });

  it('reports a malformed, unreadable or oversized key file by name and still loads the others', async () => {
    const keysDir = trustedKeysDir(configDir);
    await mkdir(keysDir, { recursive: true });
    const good = generateKeyPair(root, 'good');
    await copyFile(good.publicKeyFile, path.join(keysDir, 'good.pub'));
    await writeFile(path.join(keysDir, 'garbage.pub'), 'untrusted comment: hello\nnot base64 at all!\n');
    await writeFile(path.join(keysDir, 'huge.pub'), Buffer.alloc(100_000, 'A'));
    await mkdir(path.join(keysDir, 'folder.pub'));
    const locked = path.join(keysDir, 'locked.pub');
    await copyFile(good.publicKeyFile, locked);
    await chmod(locked, 0o000);
    const rootCanReadAnything = process.getuid?.() === 0;

    const { keys, problems } = await loadTrustedKeys(configDir);
    expect(keys.map((key) => path.basename(key.file))).toEqual(rootCanReadAnything ? ['good.pub', 'locked.pub'] : ['good.pub']);
    const about = (name: string) => problems.find((problem) => problem.includes(path.join(keysDir, name)));
    expect(about('garbage.pub')).toMatch(/is ignored: its second line is not a minisign public key/);
    expect(about('huge.pub')).toMatch(/100000 bytes, far too big/);
    expect(about('folder.pub')).toMatch(/it is a directory, not a file/);
    if (!rootCanReadAnything) expect(about('locked.pub')).toMatch(/permission was denied/);
    expect(problems).toHaveLength(rootCanReadAnything ? 3 : 4);
  });

  it('reports a trusted-keys path that is a file, not a folder, instead of throwing', async () => {
    await mkdir(configDir, { recursive: true });
    await writeFile(trustedKeysDir(configDir), 'oops');
    const { keys, problems } = await loadTrustedKeys(configDir);
    expect(keys).toEqual([]);
    expect(problems).toEqual([expect.stringContaining(`cannot list the trusted keys folder ${trustedKeysDir(configDir)}`)]);
  });
});

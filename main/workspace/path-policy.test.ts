import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PathPolicy, realLocation } from './path-policy.js';

let base: string;
let root: string;
let outside: string;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'quire-policy-')));
  root = join(base, 'proj');
  outside = join(base, 'elsewhere');
  await mkdir(join(root, 'src'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(root, 'src', 'a.ts'), 'a');
  await writeFile(join(outside, 'secret.txt'), 'secret');
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const confined = (allowedFiles: string[] = []) => new PathPolicy({ confined: true, root, allowedFiles });

async function refusal(policy: PathPolicy, path: string, target: 'file' | 'entry' = 'file') {
  const outcome = await policy.check(path, target);
  if (outcome.ok) throw new Error(`expected ${path} to be refused`);
  return outcome.error;
}

describe('PathPolicy (browser edition)', () => {
  it('allows paths inside the folder, existing or not, and the folder itself', async () => {
    const policy = confined();
    expect(await policy.check(join(root, 'src', 'a.ts'))).toEqual({ ok: true, value: join(root, 'src', 'a.ts') });
    expect((await policy.check(join(root, 'new', 'deeper', 'b.ts'))).ok).toBe(true);
    expect((await policy.check(root)).ok).toBe(true);
  });

  it('refuses a path outside with outside-workspace and a message that says what to do', async () => {
    const error = await refusal(confined(), '/etc/passwd');
    expect(error).toEqual({
      code: 'outside-workspace',
      message: `/etc/passwd is outside the workspace folder ${root}; the browser edition serves only files inside it (and the files named when it started). Start \`quire serve\` on a folder that holds it.`,
    });
  });

  it('refuses `..` that climbs out, and a sibling whose name starts like the folder', async () => {
    expect((await refusal(confined(), `${root}/src/../../elsewhere/secret.txt`)).code).toBe('outside-workspace');
    await mkdir(`${root}-evil`);
    expect((await refusal(confined(), `${root}-evil/x.txt`)).code).toBe('outside-workspace');
  });

  it('refuses a symlink inside that points out, but lets the link itself be renamed or deleted', async () => {
    const link = join(root, 'link.txt');
    await symlink(join(outside, 'secret.txt'), link);
    expect((await refusal(confined(), link)).code).toBe('outside-workspace');
    expect((await confined().check(link, 'entry')).ok).toBe(true);
  });

  it('refuses a path under a symlinked folder that leads out, existing or not', async () => {
    await symlink(outside, join(root, 'out'));
    expect((await refusal(confined(), join(root, 'out', 'secret.txt'))).code).toBe('outside-workspace');
    expect((await refusal(confined(), join(root, 'out', 'new.txt'))).code).toBe('outside-workspace');
    expect((await refusal(confined(), join(root, 'out', 'new.txt'), 'entry')).code).toBe('outside-workspace');
  });

  it('refuses a dangling link whose target would be created outside (Save As, New File)', async () => {
    await symlink(join(outside, 'not-yet.txt'), join(root, 'dangling.txt'));
    expect((await refusal(confined(), join(root, 'dangling.txt'))).code).toBe('outside-workspace');
    await symlink(join(outside, 'no-dir'), join(root, 'dangling-dir'));
    expect((await refusal(confined(), join(root, 'dangling-dir', 'x.txt'))).code).toBe('outside-workspace');
  });

  it('allows a symlink inside that stays inside', async () => {
    await symlink(join(root, 'src'), join(root, 'alias'));
    expect((await confined().check(join(root, 'alias', 'a.ts'))).ok).toBe(true);
  });

  it('allows a folder reached through a symlink when the workspace lives behind one', async () => {
    await symlink(root, join(base, 'proj-link'));
    expect((await confined().check(join(base, 'proj-link', 'src', 'a.ts'))).ok).toBe(true);
  });

  it('allows the files named on the command line and settings.json, also through a link, and nothing next to them', async () => {
    const settings = join(base, 'config', 'settings.json');
    const policy = confined([join(outside, 'secret.txt'), settings]);
    expect((await policy.check(join(outside, 'secret.txt'))).ok).toBe(true);
    expect((await policy.check(settings)).ok).toBe(true);
    await symlink(join(outside, 'secret.txt'), join(base, 'to-secret'));
    expect((await policy.check(join(base, 'to-secret'))).ok).toBe(true);
    expect((await refusal(policy, join(outside, 'other.txt'))).code).toBe('outside-workspace');
    expect((await refusal(policy, join(base, 'config'))).code).toBe('outside-workspace');
    // Renaming or deleting a named file is not what naming it allowed.
    expect((await refusal(policy, join(outside, 'secret.txt'), 'entry')).code).toBe('outside-workspace');
  });

  it('refuses renaming or deleting the served folder itself', async () => {
    expect((await refusal(confined(), root, 'entry')).code).toBe('outside-workspace');
  });

  it('with no folder, serves only the named files', async () => {
    const policy = new PathPolicy({ confined: true, root: null, allowedFiles: [join(outside, 'secret.txt')] });
    expect((await policy.check(join(outside, 'secret.txt'))).ok).toBe(true);
    const error = await refusal(policy, join(root, 'src', 'a.ts'));
    expect(error.message).toContain('it serves no folder');
  });
});

describe('PathPolicy (desktop)', () => {
  it('allows every path, made absolute', async () => {
    const policy = new PathPolicy({ confined: false, root: null, allowedFiles: [] });
    expect(await policy.check('/etc/passwd')).toEqual({ ok: true, value: '/etc/passwd' });
    expect((await policy.check('relative.txt')).ok).toBe(true);
  });
});

describe('realLocation', () => {
  it('resolves through the nearest existing folder, and follows dangling links by hand', async () => {
    await symlink(outside, join(root, 'out'));
    expect(await realLocation(join(root, 'out', 'x', 'y.txt'))).toBe(join(outside, 'x', 'y.txt'));
    await symlink(join(outside, 'later.txt'), join(root, 'later'));
    expect(await realLocation(join(root, 'later'))).toBe(join(outside, 'later.txt'));
  });

  it('gives up on a link loop by returning the path as written', async () => {
    await symlink(join(root, 'loop-b'), join(root, 'loop-a'));
    await symlink(join(root, 'loop-a'), join(root, 'loop-b'));
    expect(await realLocation(join(root, 'loop-a', 'x'))).toBe(join(root, 'loop-a', 'x'));
  });
});

/**
 * Calls the file service as a user without special rights, so tests can meet real permission
 * errors. Root ignores permission bits (CAP_DAC_OVERRIDE) and these machines run tests as root;
 * `chattr +i` would give EPERM but not the EACCES a chmod gives a normal user. So, as root, each
 * call runs in a child Node process as `nobody` (uid/gid 65534) on an esbuild bundle of the real
 * file-service.ts; as anyone else the call simply runs in this process.
 *
 * Files a call touches must be reachable by `nobody`: tests chmod their temp folder to 0o755.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import * as fileService from '../file-service.js';

type FileService = typeof fileService;
type ServiceFunction = 'readTextFile' | 'writeTextFile' | 'listDirectory';

const NOBODY = 65534;
const CALL_TIMEOUT_MS = 20_000;

const RUNNER = `
const service = await import(process.argv[2]);
const { name, args } = JSON.parse(process.argv[3]);
process.stdout.write(JSON.stringify(await service[name](...args)));
`;

export class UnprivilegedFileService {
  private constructor(private readonly bundleDir: string | undefined) {}

  /** True when calls cross into a child process running as `nobody`. */
  get dropsPrivileges(): boolean {
    return this.bundleDir !== undefined;
  }

  static async start(): Promise<UnprivilegedFileService> {
    if (process.getuid?.() !== 0) return new UnprivilegedFileService(undefined);
    const bundleDir = await mkdtemp(join(tmpdir(), 'quire-unprivileged-'));
    await chmod(bundleDir, 0o755);
    await build({
      entryPoints: [fileURLToPath(new URL('../file-service.ts', import.meta.url))],
      outfile: join(bundleDir, 'file-service.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    await writeFile(join(bundleDir, 'runner.mjs'), RUNNER, { mode: 0o644 });
    return new UnprivilegedFileService(bundleDir);
  }

  async call<N extends ServiceFunction>(
    name: N,
    ...args: Parameters<FileService[N]>
  ): Promise<Awaited<ReturnType<FileService[N]>>> {
    if (this.bundleDir === undefined) {
      const fn = fileService[name] as (...a: unknown[]) => Promise<unknown>;
      return (await fn(...args)) as Awaited<ReturnType<FileService[N]>>;
    }
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(this.bundleDir, 'runner.mjs'),
        pathToFileURL(join(this.bundleDir, 'file-service.mjs')).href,
        JSON.stringify({ name, args }),
      ],
      { uid: NOBODY, gid: NOBODY, timeout: CALL_TIMEOUT_MS, cwd: '/' },
    );
    return JSON.parse(stdout) as Awaited<ReturnType<FileService[N]>>;
  }

  async dispose(): Promise<void> {
    if (this.bundleDir !== undefined) await rm(this.bundleDir, { recursive: true, force: true });
  }
}

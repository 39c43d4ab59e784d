/**
 * The user's Allow / Deny answers for plugin files, kept by the SHA-256 of the file's bytes in
 * `plugin-approvals.json` in the config folder. An answer belongs to exact bytes: a rebuilt or
 * replaced plugin has another hash, so it is asked about again.
 */
import { z } from 'zod';
import { JsonFileStore } from '../../services/json-file-store.js';

export type ApprovalDecision = 'allow' | 'deny';

/** What the Plugins panel can show about an answer whose file may be long gone. */
export interface ApprovalSubject {
  path: string;
  id: string | null;
  name: string | null;
}

/** Enough for every plugin a person will ever try; the oldest answers go first. */
export const MAX_APPROVALS = 10_000;

const Approval = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  decision: z.enum(['allow', 'deny']),
  path: z.string().max(4096),
  id: z.string().max(256).nullable(),
  name: z.string().max(256).nullable(),
  /** When the user answered (ms since the epoch). */
  at: z.number(),
});
export type Approval = z.infer<typeof Approval>;

const ApprovalsFile = z.object({
  /** Oldest first, one per hash. */
  approvals: z.array(Approval).max(MAX_APPROVALS),
});
type ApprovalsFile = z.infer<typeof ApprovalsFile>;

export const APPROVALS_FILE = 'plugin-approvals.json';

export type SaveResult = { ok: true } | { ok: false; message: string };

export class PluginApprovals {
  private readonly store: JsonFileStore<ApprovalsFile>;
  /** Read-modify-write steps run one at a time, so two answers given together are both kept. */
  private updates: Promise<unknown> = Promise.resolve();

  constructor(configDir: string, private readonly now: () => number = Date.now) {
    this.store = new JsonFileStore(configDir, APPROVALS_FILE, ApprovalsFile, () => ({ approvals: [] }));
  }

  /**
   * Read from the file each time rather than cached: the desktop app and `quire serve` may share
   * a config folder, and an answer given in one must count in the other.
   */
  async decision(sha256: string): Promise<ApprovalDecision | null> {
    await this.updates;
    const { approvals } = await this.store.get();
    return approvals.find((entry) => entry.sha256 === sha256)?.decision ?? null;
  }

  /** Every recorded answer, newest first. */
  async list(): Promise<Approval[]> {
    await this.updates;
    return [...(await this.store.get()).approvals].reverse();
  }

  record(sha256: string, decision: ApprovalDecision, about: ApprovalSubject): Promise<SaveResult> {
    const entry: Approval = {
      sha256: sha256.toLowerCase(),
      decision,
      path: about.path.slice(0, 4096),
      id: about.id?.slice(0, 256) ?? null,
      name: about.name?.slice(0, 256) ?? null,
      at: this.now(),
    };
    const checked = Approval.safeParse(entry);
    if (!checked.success) return Promise.resolve({ ok: false, message: `Quire cannot record an answer for "${sha256}": it is not a SHA-256 in hex.` });
    return this.update((approvals) => [...approvals.filter((old) => old.sha256 !== entry.sha256), entry].slice(-MAX_APPROVALS));
  }

  /** Forgets the answer, so the file is asked about again. */
  forget(sha256: string): Promise<SaveResult> {
    const key = sha256.toLowerCase();
    return this.update((approvals) => approvals.filter((old) => old.sha256 !== key));
  }

  private update(change: (approvals: Approval[]) => Approval[]): Promise<SaveResult> {
    const step = this.updates.then(async (): Promise<SaveResult> => {
      try {
        const { approvals } = await this.store.get();
        await this.store.set({ approvals: change(approvals) });
        return { ok: true };
      } catch (err) {
        const cause = err instanceof Error ? err.message : String(err);
        return { ok: false, message: `Quire could not save your answer about this plugin, so it will be asked about again. ${cause}` };
      }
    });
    this.updates = step;
    return step;
  }
}

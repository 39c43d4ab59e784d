import type { AppInfo, QuireApi } from '../../../app/contract.js';
import { isSameOrInside } from '../paths/path-relations.js';
import { baseName, dirName, joinPath } from '../paths/user-path.js';
import type { QuireStore } from '../state/store.js';

/**
 * Asks the user which file to open or where to save: the native dialogs on desktop, the
 * quick-open path box in the browser edition.
 */
export class FilePickers {
  constructor(
    private readonly api: QuireApi,
    private readonly store: QuireStore,
  ) {}

  /**
   * The files to open; empty when the user cancelled. The path box starts in `startDir` (the
   * active file's folder) when that is in the workspace, else in the workspace folder.
   */
  async pickFilesToOpen(startDir: string | null): Promise<string[]> {
    const info = this.appInfo();
    if (!info) return [];
    if (info.nativeDialogs) {
      const result = await this.api.request('dialog.open', {});
      if (!result.ok) return this.fail(result.error.message, []);
      return result.value?.paths ?? [];
    }
    const folder = this.store.getState().workspace?.folder ?? null;
    const dir = startDir !== null && (folder === null || isSameOrInside(startDir, folder, info.pathSeparator)) ? startDir : (folder ?? info.cwd);
    const path = await this.store
      .getState()
      .askQuickInput({ kind: 'path', mode: 'open', initialValue: withTrailingSeparator(dir, info.pathSeparator) });
    return path ? [path] : [];
  }

  /**
   * The folder to open as the workspace; null when the user cancelled. The browser edition's
   * path box lists folders only, from the open folder (it may reach `openableRoot` and below).
   */
  async pickFolder(): Promise<string | null> {
    const info = this.appInfo();
    if (!info) return null;
    if (info.nativeDialogs) {
      const result = await this.api.request('dialog.openFolder', {});
      if (!result.ok) return this.fail(result.error.message, null);
      return result.value?.path ?? null;
    }
    const workspace = this.store.getState().workspace;
    const dir = workspace?.folder ?? workspace?.openableRoot ?? info.cwd;
    return this.store.getState().askQuickInput({ kind: 'path', mode: 'folder', initialValue: withTrailingSeparator(dir, info.pathSeparator) });
  }

  /** Where to save; null when the user cancelled. The user has agreed to replace an existing file. */
  async pickSavePath(suggestedPath: string): Promise<string | null> {
    const info = this.appInfo();
    if (!info) return null;
    if (info.nativeDialogs) {
      const result = await this.api.request('dialog.save', { defaultPath: suggestedPath });
      if (!result.ok) return this.fail(result.error.message, null);
      return result.value?.path ?? null;
    }
    let initialValue = suggestedPath;
    for (;;) {
      const path = await this.store.getState().askQuickInput({ kind: 'path', mode: 'save', initialValue });
      if (path === null) return null;
      const existing = await this.existingKind(path, info.pathSeparator);
      if (existing === 'directory') {
        initialValue = withTrailingSeparator(path, info.pathSeparator);
        continue;
      }
      if (existing === null || (await this.confirmReplace(path, info.pathSeparator))) return path;
      initialValue = path;
    }
  }

  private async existingKind(path: string, sep: string): Promise<'file' | 'directory' | 'other' | null> {
    const listing = await this.api.request('file.list', { path: dirName(path, sep) });
    if (!listing.ok) return null;
    const name = baseName(path, sep);
    return listing.value.entries.find((entry) => entry.name === name)?.kind ?? null;
  }

  private async confirmReplace(path: string, sep: string): Promise<boolean> {
    const answer = await this.store.getState().askChoice({
      message: `${baseName(path, sep)} already exists. Do you want to replace it?`,
      detail: `A file with this name already exists in ${dirName(path, sep)}. Replacing it overwrites its contents.`,
      choices: [
        { id: 'replace', label: 'Replace' },
        { id: 'cancel', label: 'Cancel' },
      ],
      defaultId: 'cancel',
      cancelId: 'cancel',
    });
    return answer === 'replace';
  }

  private appInfo(): AppInfo | null {
    return this.store.getState().appInfo;
  }

  private fail<T>(message: string, value: T): T {
    this.store.getState().notify({ severity: 'error', message });
    return value;
  }
}

/** A directory as the path box shows it: with a trailing separator, so its entries list. */
function withTrailingSeparator(dir: string, sep: string): string {
  return dir.endsWith(sep) ? dir : `${dir}${sep}`;
}

/** Where Save As starts: the document's own path, or its name in the working directory. */
export function suggestedSavePath(path: string | null, name: string, info: AppInfo): string {
  return path ?? joinPath(info.cwd, name, info.pathSeparator);
}

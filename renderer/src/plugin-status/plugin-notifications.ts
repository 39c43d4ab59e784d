import type { PluginState, PluginStatus } from '../../../app/plugin-contract.js';

export type PluginEvent =
  | { kind: 'loaded'; name: string; key: string; summary: string }
  | { kind: 'reloaded'; name: string; key: string; summary: string }
  | { kind: 'removed'; name: string; key: string }
  | { kind: 'crashed'; name: string; key: string }
  | { kind: 'hung'; name: string; key: string }
  | { kind: 'quarantined'; name: string; key: string; path: string; message: string }
  | { kind: 'failed'; name: string; key: string; code: string; message: string };

/**
 * A plugin's name for people: its declared name (its manifest's before it has run, as while it
 * waits for consent), else its file name.
 */
export function pluginDisplayName(plugin: Pick<PluginStatus, 'descriptor' | 'path'> & Partial<Pick<PluginStatus, 'trust'>>): string {
  return plugin.descriptor?.name ?? plugin.trust?.manifest?.name ?? baseName(plugin.path);
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** `1 format, 1 linter`: what a plugin contributes, leaving out what it has none of. */
export function contributionSummary(plugin: Pick<PluginStatus, 'descriptor'>): string {
  const descriptor = plugin.descriptor;
  if (!descriptor) return 'nothing';
  const parts = [
    counted(descriptor.commands.length, 'command'),
    counted(descriptor.formats.length, 'format'),
    counted(descriptor.linters.length, 'linter'),
  ].filter((part) => part !== null);
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}

function counted(n: number, noun: string): string | null {
  if (n === 0) return null;
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The key shared by every notification about one plugin file, so a new one replaces the last. */
export function notificationKey(plugin: Pick<PluginStatus, 'path'>): string {
  return `plugin-file:${plugin.path}`;
}

const RECOVERING = new Set<PluginState>(['crashed', 'restarting', 'hung']);

/**
 * Turns successive plugin lists into what the user should hear about, one event per plugin
 * file at most per list. The first list is the startup state: its plugins load quietly (the
 * Plugins panel shows how that went); only what happens afterwards is news.
 */
export class PluginChangeTracker {
  private previous: Map<string, PluginStatus> | null = null;
  /** Files that have been ready at some point: their next "ready" is a reload. */
  private readonly everReady = new Set<string>();
  /** Files from the startup list still on their way to their first settled state. */
  private readonly quiet = new Set<string>();

  update(next: readonly PluginStatus[]): PluginEvent[] {
    const previous = this.previous;
    this.previous = new Map(next.map((plugin) => [plugin.path, plugin]));
    if (previous === null) {
      for (const plugin of next) {
        if (plugin.state === 'ready') this.everReady.add(plugin.path);
        else if (isLoading(plugin.state)) this.quiet.add(plugin.path);
      }
      return [];
    }
    const events: PluginEvent[] = [];
    for (const plugin of next) {
      const event = this.changeOf(previous.get(plugin.path), plugin);
      if (event) events.push(event);
    }
    for (const [path, plugin] of previous) {
      if (this.previous.has(path)) continue;
      this.everReady.delete(path);
      this.quiet.delete(path);
      events.push({ kind: 'removed', name: pluginDisplayName(plugin), key: notificationKey(plugin) });
    }
    return events;
  }

  private changeOf(old: PluginStatus | undefined, plugin: PluginStatus): PluginEvent | null {
    const name = pluginDisplayName(plugin);
    const key = notificationKey(plugin);
    const crashed = old !== undefined && plugin.stats.crashes > old.stats.crashes;
    if (plugin.state === 'quarantined') {
      if (old?.state === 'quarantined') return null;
      return { kind: 'quarantined', name, key, path: plugin.path, message: plugin.failure?.message ?? '' };
    }
    // The counter, not the state: a crash, restart and reload can all happen between two lists.
    if (crashed) {
      if (plugin.failure?.code !== 'call-timeout') return { kind: 'crashed', name, key };
      return old.state === 'hung' ? null : { kind: 'hung', name, key };
    }
    if (old?.state === plugin.state && old.sha256 === plugin.sha256) return null;
    if (isLoading(plugin.state)) return null;
    const quiet = this.quiet.delete(plugin.path);
    switch (plugin.state) {
      case 'ready': {
        const wasReady = this.everReady.has(plugin.path);
        this.everReady.add(plugin.path);
        // Back after its own restart is no news: the crash was.
        if (quiet || (old && RECOVERING.has(old.state))) return null;
        return { kind: wasReady ? 'reloaded' : 'loaded', name, key, summary: contributionSummary(plugin) };
      }
      case 'hung':
        return { kind: 'hung', name, key };
      case 'failed':
      case 'refused':
        if (quiet) return null;
        return { kind: 'failed', name, key, code: plugin.failure?.code ?? plugin.state, message: plugin.failure?.message ?? '' };
      default:
        return null;
    }
  }
}

function isLoading(state: PluginState): boolean {
  return state === 'discovered' || state === 'inspecting' || state === 'loading';
}

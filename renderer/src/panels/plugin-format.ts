/** `12.3 MB`, or a dash when the number is not known (the plugin is not running). */
export function formatMegabytes(bytes: number | null): string {
  return bytes === null ? '—' : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `850 ms` below ten seconds, `12.4 s` above; a dash when unknown. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The rule for a plugin's id (quire_plugin.id), shared by the descriptor reader and the
 * manifest reader so a manifest cannot declare an id its descriptor could not have.
 */

/** Reverse-DNS: lowercase, at least two dot-separated parts, e.g. "org.example.text-tools". */
export const PLUGIN_ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/** Why `id` is not a plugin id, for a message; null when it is one. */
export function pluginIdProblem(id: string): string | null {
  return PLUGIN_ID.test(id) ? null : `"${id}" is not a reverse-DNS id (lowercase, at least two dot-separated parts, e.g. "org.example.text-tools")`;
}

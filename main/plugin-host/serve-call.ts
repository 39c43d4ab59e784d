import { encodeFailure, encodeResult, type HostCall } from '../plugin-common/protocol/call-frames.js';
import type { PluginLibrary } from './loader/plugin-library.js';
import { OffsetMap } from './loader/utf8-offsets.js';

/**
 * Runs one call against the loaded plugin and encodes its answer frame. The call's one offset
 * map turns the selections into byte offsets on the way in and the result's byte offsets into
 * UTF-16 on the way out; the replacement text stays the UTF-8 bytes the plugin returned.
 */
export function serveCall(plugin: PluginLibrary, call: HostCall): Buffer | Buffer[] {
  const offsets = new OffsetMap(call.text, call.textUtf16Length);
  const outcome = plugin.call(
    call.kind,
    call.handler,
    { text: call.text, languageId: call.languageId, path: call.path, selections: offsets.toBytes(call.selections) },
    offsets,
  );
  return outcome.ok ? encodeResult(call.id, outcome.value) : encodeFailure(call.id, outcome.failure);
}

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { testPlugin } from '../../plugins/test-support/host-fixtures.js';
import { loadInspectedPlugin } from './plugin-library.js';
import { OffsetMap } from './utf8-offsets.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('PluginLibrary', () => {
  // Regression: the library handle was dropped after loading, so the first collection
  // dlclosed the plugin and the next call jumped into unmapped memory.
  it('keeps its plugin loaded through garbage collections', async () => {
    const loaded = loadInspectedPlugin(testPlugin('ok-basic'));
    if (!loaded.ok) throw new Error(loaded.failure.message);
    const plugin = loaded.value;
    expect(plugin.init(() => {}).ok).toBe(true);
    for (let round = 0; round < 3; round++) {
      collectGarbage();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const text = new TextEncoder().encode('still here');
    const outcome = plugin.call('command', 'echo', { text, languageId: new Uint8Array(), path: new Uint8Array(), selections: [] }, new OffsetMap(text, text.length));
    expect(outcome).toMatchObject({ ok: true, value: { message: 'still here' } });
    plugin.shutdown();
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_DEFINITIONS, SETTING_KEYS, settingsJsonSchema } from '../../app/settings-schema.js';

const README = readFileSync(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The README's settings table: its rows by key. */
function documentedRows(): Map<string, string> {
  const start = README.indexOf('\n## Settings\n');
  const section = README.slice(start, README.indexOf('\n## ', start + 1));
  const rows = [...section.matchAll(/^\| `([^`]+)` \|(.*)$/gm)];
  return new Map(rows.map((row) => [row[1] as string, row[2] as string]));
}

describe('the settings', () => {
  it('are every one documented in the README\'s Settings table, and nothing else is', () => {
    expect([...documentedRows().keys()].sort()).toEqual([...SETTING_KEYS].sort());
  });

  it('have the defaults the README gives', () => {
    const rows = documentedRows();
    for (const key of SETTING_KEYS) {
      const defaultValue = SETTING_DEFINITIONS[key].defaultValue;
      const shown = typeof defaultValue === 'object' && !Array.isArray(defaultValue) && Object.keys(defaultValue).length > 0 ? JSON.stringify(defaultValue).replace(/,/g, ', ').replace(/":/g, '": ') : JSON.stringify(defaultValue);
      expect(rows.get(key), key).toContain(`\`${shown}\``);
    }
  });

  it('each accept their own default, and the editor\'s schema describes each', () => {
    const schema = settingsJsonSchema() as { properties: Record<string, { description: string; default: unknown }>; allowComments: boolean };
    expect(schema.allowComments).toBe(true);
    for (const key of SETTING_KEYS) {
      const definition = SETTING_DEFINITIONS[key] as { defaultValue: unknown; read(value: unknown, key: string): { problems: unknown[] } };
      expect(definition.read(definition.defaultValue, key).problems, key).toEqual([]);
      expect(schema.properties[key]?.description.length, key).toBeGreaterThan(10);
      expect(schema.properties[key]?.default, key).toEqual(definition.defaultValue);
    }
  });
});

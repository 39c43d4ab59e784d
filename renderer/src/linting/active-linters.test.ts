import { describe, expect, it } from 'vitest';
import { pluginStatus } from '../plugin-status/plugin-status-fixtures.test-support.js';
import { readyPluginsOf } from '../state/ready-plugins.js';
import { activeLinters, lintersForLanguage } from './active-linters.js';

describe('activeLinters', () => {
  it('lists the linters of ready plugins only, owned by plugin and linter id', () => {
    const linters = activeLinters(readyPluginsOf([pluginStatus('/p/csv.so', 'ready'), pluginStatus('/p/other.so', 'quarantined')]));
    expect(linters.map((active) => active.owner)).toEqual(['dev.quire.csv/field-count']);
    expect(linters[0]?.pluginName).toBe('csv');
  });

  it('picks the linters whose languages include the model’s', () => {
    const linters = activeLinters(readyPluginsOf([pluginStatus('/p/csv.so', 'ready')]));
    expect(lintersForLanguage(linters, 'csv')).toHaveLength(1);
    expect(lintersForLanguage(linters, 'plaintext')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { headlessCommandTest } from './headless-fixtures.js';
import { runLint, type LintLine } from './lint-command.js';

const { scratch, run: lint } = headlessCommandTest(runLint);

describe('quire lint', () => {
  it('prints each diagnostic as path:line:col: severity code message and exits 1 on an error', async () => {
    // Row 3 (line 4, after a blank line) has one field too many.
    scratch().file('data/people.csv', 'name,age\n\nalice,30\nbob,4,extra\n');
    scratch().file('config.json', '{\n  "a": 1,\n  "b": 2,,\n}\n');
    const result = await lint('data/people.csv', 'config.json');
    expect(result.stdout).toEqual([
      'data/people.csv:4:1: error field-count Row 3 (line 4) has 3 fields; the header has 2.',
      expect.stringMatching(/^config\.json:3:10: error json-syntax /),
    ]);
    expect(result.stderr).toBe('quire lint: 2 errors in 2 files.');
    expect(result.code).toBe(1);
  });

  it('counts columns in UTF-16 code units after CRLF line endings, as the editor does', async () => {
    scratch().file('wide.json', '{\r\n"😀é": 1 2\r\n}\r\n');
    const result = await lint('wide.json');
    // Line 2 is `"😀é": 1 2`: the stray 2 is the 10th UTF-16 unit (the emoji is two).
    expect(result.stdout).toEqual([expect.stringMatching(/^wide\.json:2:10: error json-syntax /)]);
  });

  it('--json prints the diagnostics as an array with their ranges, plugin and linter', async () => {
    scratch().file('people.csv', 'a,b\n1\n');
    const result = await lint('--json', 'people.csv');
    const lines = JSON.parse(result.stdout.join('\n')) as LintLine[];
    expect(lines).toEqual([
      {
        path: 'people.csv',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 2,
        severity: 'error',
        code: 'field-count',
        message: 'Row 2 has 1 field; the header has 2.',
        plugin: 'dev.quire.csv',
        linter: 'field-count',
      },
    ]);
    expect(result.code).toBe(1);
  });

  it('exits 0 for a clean file, and when the linters report no error (notes only)', async () => {
    scratch().file('clean.csv', 'a,b\n1,2\n');
    expect(await lint('clean.csv')).toMatchObject({ code: 0, stdout: [], stderr: '' });

    const plugins = scratch().pluginFolder('plugins', ['ok-basic']);
    scratch().file('sample.okb', 'hello 42\n');
    const noted = await lint('--plugins-dir', plugins, '--trust-plugins', 'all', 'sample.okb');
    expect(noted.stdout).toEqual(['sample.okb:1:1: info okb-seen ok-basic looked at this document.']);
    expect(noted.code).toBe(0);
  });

  it('reports a linter that fails with its failure code, apart from diagnostics, and exits 1', async () => {
    // misbehave's plaintext linter answers with ranges outside the text: Quire refuses the result.
    scratch().pluginFolder('plugins', ['misbehave']);
    scratch().file('notes.txt', 'short\n');
    const result = await lint('--plugins-dir', 'plugins', '--trust-plugins', 'all', 'notes.txt');
    expect(result.stdout).toEqual([]);
    expect(result.stderr).toMatch(/^quire lint: notes\.txt: the linter "Misbehave: diagnostics out of range" of Misbehave \(dev\.quire\.test\.misbehave\) failed \[bad-result\]: /);
    expect(result.code).toBe(1);
  });

  it('explains a plugin that waits for consent: it cannot be asked without the editor', async () => {
    scratch().pluginFolder('plugins', ['ok-basic']);
    scratch().file('sample.okb', 'hello\n');
    const result = await lint('--plugins-dir', 'plugins', 'sample.okb');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('quire lint: sample.okb: no plugin lints .okb files.');
    expect(result.stderr).toMatch(/the plugin \S+ok-basic\.so did not run: it waits for your consent, which a command without the editor cannot ask for/);
    expect(result.stderr).toContain('--trust-plugins all');
    expect(result.stderr).toContain('quire doctor');
  });

  it('still lints the other files after one it cannot read', async () => {
    scratch().file('people.csv', 'a,b\n1\n');
    const result = await lint('gone.csv', 'people.csv');
    expect(result.stderr).toMatch(/Cannot open \S+gone\.csv: the file does not exist/);
    expect(result.stdout).toEqual(['people.csv:2:1: error field-count Row 2 has 1 field; the header has 2.']);
    expect(result.code).toBe(1);
  });
});

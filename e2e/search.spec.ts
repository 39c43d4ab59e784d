import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, focusEditorAtEnd, test } from './quire-fixture.js';

/** Writes `files` (relative path → text) under `root`, folders included. */
async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

// "zebra" appears nowhere else in the workspace (not in the config folder, not in a path).
const TREE = {
  'src/alpha.ts': 'const zebra = 1;\nfunction zebraCount() {\n  return zebra + zebra;\n}\n// ZEBRA in capitals\n',
  'src/beta.ts': "let stripes = 'zebra';\n",
  'docs/animals.md': '# Animals\n\nA zebra is a word. Zebras are plural.\n',
  'lib/vendor.js': 'var zebra_like = true;\n',
};

/**
 * Quire's config folder is inside the test's workspace: its hot-exit backups of unsaved text
 * would be found too. Searches here leave it out, as one would a folder of generated files.
 */
const CONFIG = { configFiles: { 'settings.json': JSON.stringify({ 'search.exclude': { '**/.quire-config': true } }) } };

function view(page: Page): Locator {
  return page.locator('.q-search-view');
}

function queryBox(page: Page): Locator {
  return view(page).getByRole('textbox', { name: 'Search', exact: true });
}

function summary(page: Page): Locator {
  return page.getByTestId('search-summary');
}

function results(page: Page): Locator {
  return page.getByRole('tree', { name: 'Search results' });
}

function fileRow(page: Page, relative: string): Locator {
  return results(page).locator('.q-search-row.file').filter({ hasText: path.basename(relative) });
}

function tab(page: Page, file: string): Locator {
  return page.locator(`[data-testid="tab"][data-path="${file}"]`);
}

function toggle(page: Page, name: 'Match Case' | 'Match Whole Word' | 'Use Regular Expression'): Locator {
  return view(page).getByRole('button', { name, exact: true });
}

async function openSearch(page: Page): Promise<void> {
  await page.keyboard.press('Control+Shift+F');
  await expect(view(page)).toBeVisible();
  await expect(queryBox(page)).toBeFocused();
}

/** The visible editor text, with Monaco's non-breaking spaces turned back into spaces. */
async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

test('searches as you type: results grouped by file, each match highlighted in its line', async ({ page, workspace, openQuire }) => {
  await writeTree(workspace, TREE);
  await openQuire(CONFIG);
  await openSearch(page);
  await page.keyboard.type('zebra');
  await expect(summary(page)).toHaveText('9 results in 4 files');
  await expect(fileRow(page, 'src/alpha.ts')).toContainText('src');
  await expect(fileRow(page, 'src/alpha.ts').locator('.q-search-count')).toHaveText('5');
  await expect(fileRow(page, 'src/alpha.ts')).toHaveAttribute('aria-expanded', 'true');
  await expect(fileRow(page, 'docs/animals.md').locator('.q-search-count')).toHaveText('2');
  const marks = results(page).locator('mark.q-search-match');
  await expect(marks).toHaveCount(9);
  expect(new Set((await marks.allTextContents()).map((text) => text.toLowerCase()))).toEqual(new Set(['zebra']));
  await expect(results(page).locator('.q-search-row.match').filter({ hasText: 'return zebra + zebra;' })).toHaveCount(2);
  await page.screenshot({ path: 'test-results/search-results.png' });

  // Collapsing a file hides its matches; the count stays.
  await fileRow(page, 'src/alpha.ts').click();
  await expect(fileRow(page, 'src/alpha.ts')).toHaveAttribute('aria-expanded', 'false');
  await expect(marks).toHaveCount(4);
});

test('Match Case, Match Whole Word and regex narrow the search, by button and by Alt key', async ({ page, workspace, openQuire }) => {
  await writeTree(workspace, TREE);
  await openQuire(CONFIG);
  await openSearch(page);
  await page.keyboard.type('zebra');
  await expect(summary(page)).toHaveText('9 results in 4 files');

  await page.keyboard.press('Alt+c');
  await expect(toggle(page, 'Match Case')).toHaveAttribute('aria-pressed', 'true');
  // ZEBRA and Zebras drop out.
  await expect(summary(page)).toHaveText('7 results in 4 files');

  await toggle(page, 'Match Whole Word').click();
  await expect(toggle(page, 'Match Whole Word')).toHaveAttribute('aria-pressed', 'true');
  // zebraCount and zebra_like drop out too.
  await expect(summary(page)).toHaveText('5 results in 3 files');
  await expect(fileRow(page, 'lib/vendor.js')).toHaveCount(0);

  // Alt+W toggles the option here, it does not close a tab.
  await queryBox(page).focus();
  await page.keyboard.press('Alt+w');
  await expect(toggle(page, 'Match Whole Word')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Alt+c');
  await expect(toggle(page, 'Match Case')).toHaveAttribute('aria-pressed', 'false');

  await queryBox(page).fill('zebra(s|_like)');
  await expect(summary(page)).toHaveText(/No results found/);
  await page.keyboard.press('Alt+r');
  await expect(toggle(page, 'Use Regular Expression')).toHaveAttribute('aria-pressed', 'true');
  await expect(summary(page)).toHaveText('2 results in 2 files');
  // Files are listed by path, as in VS Code: docs/ before lib/.
  await expect(results(page).locator('mark.q-search-match')).toHaveText(['Zebras', 'zebra_like']);

  // A bad regex says so under the input, and fixing it brings results back.
  await queryBox(page).fill('zebra(');
  await expect(view(page).getByRole('alert')).toContainText(/regular expression/i);
  await expect(results(page).locator('.q-search-row')).toHaveCount(0);
  await queryBox(page).fill('z[e]bra\\b');
  await expect(view(page).getByRole('alert')).toHaveCount(0);
  await expect(summary(page)).toHaveText('6 results in 3 files');
});

test('files to include and exclude take comma-separated globs', async ({ page, workspace, openQuire }) => {
  await writeTree(workspace, TREE);
  await openQuire(CONFIG);
  await openSearch(page);
  await page.keyboard.type('zebra');
  await expect(summary(page)).toHaveText('9 results in 4 files');
  await view(page).getByRole('button', { name: 'Toggle Search Details' }).click();
  const include = view(page).getByRole('textbox', { name: 'files to include' });
  const exclude = view(page).getByRole('textbox', { name: 'files to exclude' });

  await include.fill('src/**');
  await expect(summary(page)).toHaveText('6 results in 2 files');
  await include.fill('*.md, lib/**');
  await expect(summary(page)).toHaveText('3 results in 2 files');
  await include.fill('');
  await exclude.fill('**/*.ts');
  await expect(summary(page)).toHaveText('3 results in 2 files');
  await exclude.fill('src, docs');
  await expect(summary(page)).toHaveText('1 result in 1 file');
  await expect(fileRow(page, 'lib/vendor.js')).toBeVisible();
});

test('Enter on a match opens its file with the match selected; Ctrl+Shift+F starts from the selection', async ({ page, workspace, openQuire }) => {
  await writeTree(workspace, TREE);
  const alpha = path.join(workspace, 'src/alpha.ts');
  await openQuire({ ...CONFIG, files: [path.join(workspace, 'src/beta.ts')] });
  // Select "stripes" in beta.ts (line 1, columns 5-12), then search for it.
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect(page.getByTestId('status-selection')).toHaveText('(7 selected)');
  await openSearch(page);
  await expect(queryBox(page)).toHaveValue('stripes');
  await expect(summary(page)).toHaveText('1 result in 1 file');

  await queryBox(page).fill('zebra');
  await expect(summary(page)).toHaveText('9 results in 4 files');
  // Down from the query box enters the results at the first row (docs/animals.md, files sorted
  // by path); seven rows further is src/alpha.ts' second match.
  await page.keyboard.press('ArrowDown');
  await expect(results(page)).toBeFocused();
  await expect(results(page).locator('.q-search-row.active')).toContainText('animals.md');
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
  await expect(results(page).locator('.q-search-row.active')).toContainText('function zebraCount()');
  await page.keyboard.press('Enter');
  await expect(tab(page, alpha)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('status-position')).toHaveText('Ln 2, Col 15');
  await expect(page.getByTestId('status-selection')).toHaveText('(5 selected)');
  // The editor has the keyboard: typing replaces the selected match.
  await page.keyboard.type('Quagga');
  await expect.poll(() => editorText(page)).toContain('function QuaggaCount()');

  // A click on another match goes there.
  await results(page).locator('.q-search-row.match').filter({ has: page.getByText('Zebra', { exact: true }) }).click();
  await expect(tab(page, path.join(workspace, 'docs/animals.md'))).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('status-position')).toHaveText('Ln 3, Col 25');
  await expect(page.getByTestId('status-selection')).toHaveText('(5 selected)');
});

test('Replace All asks first, replaces as one undo step per file, saves clean files, leaves dirty ones unsaved and skips changed ones', async ({ page, workspace, openQuire }) => {
  await writeTree(workspace, {
    'one.txt': 'zebra one\nand zebra again\n',
    'two.txt': 'zebra two\n',
    'three.txt': 'zebra three\n',
    'four.txt': 'zebra four\n',
    'none.txt': 'nothing here\n',
  });
  const [one, two, three, four] = ['one.txt', 'two.txt', 'three.txt', 'four.txt'].map((name) => path.join(workspace, name)) as [string, string, string, string];
  await openQuire({ ...CONFIG, files: [two, four, three] });
  // four.txt loses its match in the editor (unsaved): the search still finds it on disk, the replace must skip it.
  await tab(page, four).click();
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('changed');
  await expect(tab(page, four)).toHaveAttribute('data-dirty', 'true');
  // three.txt gets an unsaved edit: Replace All must not save it behind the user's back.
  await tab(page, three).click();
  await focusEditorAtEnd(page);
  await page.keyboard.type('edited');
  await expect(tab(page, three)).toHaveAttribute('data-dirty', 'true');

  await openSearch(page);
  await page.keyboard.type('zebra');
  await expect(summary(page)).toHaveText('5 results in 4 files');
  await view(page).getByRole('button', { name: 'Toggle Replace' }).click();
  await view(page).getByRole('textbox', { name: 'Replace' }).fill('okapi');
  // The results preview the change: the match struck through, the replacement inserted.
  await expect(results(page).locator('del.q-search-removed')).toHaveCount(5);
  await expect(results(page).locator('ins.q-search-inserted').first()).toHaveText('okapi');
  await page.screenshot({ path: 'test-results/search-replace-preview.png' });

  await view(page).getByRole('button', { name: 'Replace All' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText("Replace 5 occurrences across 4 files with 'okapi'?");
  await expect(dialog).toContainText('one.txt (2)');
  await expect(dialog).toContainText('two.txt (1)');
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByText('Replaced 4 occurrences in 3 files.')).toBeVisible();
  await expect(page.getByText(/Not saved, as they had unsaved changes before: three\.txt\./)).toBeVisible();
  await expect(page.getByText(/Skipped, their text changed since the search and nothing matches any more: four\.txt\./)).toBeVisible();
  // The active tab is the one that was active before.
  await expect(tab(page, three)).toHaveAttribute('aria-selected', 'true');

  expect(await readFile(one, 'utf8')).toBe('okapi one\nand okapi again\n');
  expect(await readFile(two, 'utf8')).toBe('okapi two\n');
  expect(await readFile(three, 'utf8')).toBe('zebra three\n');
  expect(await readFile(four, 'utf8')).toBe('zebra four\n');
  await expect(tab(page, one)).toHaveAttribute('data-dirty', 'false');
  await expect(tab(page, three)).toHaveAttribute('data-dirty', 'true');
  // The replaced files leave the results; the skipped one stays.
  await expect(results(page).locator('.q-search-row.file')).toHaveCount(1);
  await expect(fileRow(page, 'four.txt')).toBeVisible();
  await expect(view(page).getByRole('textbox', { name: 'Replace' })).toBeFocused();

  // One Ctrl+Z in one.txt undoes both of its replacements; the other files stay replaced.
  await tab(page, one).click();
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+z');
  await expect.poll(() => editorText(page)).toMatch(/^zebra one\nand zebra again\n*$/);
  await expect(tab(page, one)).toHaveAttribute('data-dirty', 'true');
  await tab(page, two).click();
  await expect.poll(() => editorText(page)).toMatch(/^okapi two\n*$/);
  await tab(page, three).click();
  await expect.poll(() => editorText(page)).toBe('okapi three\nedited');
});

test('Replace All with regex groups, and cancelling the question changes nothing', async ({ page, workspace, openQuire }) => {
  await writeTree(workspace, { 'pairs.txt': 'width=10 height=20\n', 'more.txt': 'depth=30\n' });
  await openQuire(CONFIG);
  await openSearch(page);
  await page.keyboard.type('(\\w+)=(\\d+)');
  await page.keyboard.press('Alt+r');
  await expect(summary(page)).toHaveText('3 results in 2 files');
  await view(page).getByRole('button', { name: 'Toggle Replace' }).click();
  await view(page).getByRole('textbox', { name: 'Replace' }).fill('\\U$1\\E: $2');
  // more.txt is listed before pairs.txt.
  await expect(results(page).locator('ins.q-search-inserted')).toHaveText(['DEPTH: 30', 'WIDTH: 10', 'HEIGHT: 20']);

  await view(page).getByRole('button', { name: 'Replace All' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  expect(await readFile(path.join(workspace, 'pairs.txt'), 'utf8')).toBe('width=10 height=20\n');
  await expect(page.locator('[data-testid="tab"]')).toHaveCount(0);

  await view(page).getByRole('button', { name: 'Replace All' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByText('Replaced 3 occurrences in 2 files.')).toBeVisible();
  expect(await readFile(path.join(workspace, 'pairs.txt'), 'utf8')).toBe('WIDTH: 10 HEIGHT: 20\n');
  expect(await readFile(path.join(workspace, 'more.txt'), 'utf8')).toBe('DEPTH: 30\n');
});

test('without ripgrep the built-in search says so in one line, still finds, and a search can be stopped', async ({ page, workspace, openQuire }) => {
  await writeTree(workspace, TREE);
  await openQuire({ ...CONFIG, env: { QUIRE_RIPGREP: path.join(workspace, 'no-such-rg') } });
  await openSearch(page);
  await page.keyboard.type('zebra');
  await expect(summary(page)).toHaveText('9 results in 4 files');
  const notice = page.getByTestId('search-notice');
  await expect(notice).toContainText("Quire's slower built-in search");
  await expect(notice).toContainText('no-such-rg');
  await page.screenshot({ path: 'test-results/search-built-in-notice.png' });

  // A search that takes long however fast the machine: each file has one match, then lines on
  // which this regex backtracks for a while (never so long that the search cannot stop between files).
  const files = 400;
  const slowLines = `${'a'.repeat(100)}\n`.repeat(100);
  await mkdir(path.join(workspace, 'slow'));
  await Promise.all(Array.from({ length: files }, (_, i) => writeFile(path.join(workspace, 'slow', `f${i}.txt`), `needle-z ${i}\n${slowLines}`)));
  await queryBox(page).fill('\\w*\\w*z');
  await page.keyboard.press('Alt+r');
  await page.keyboard.press('Enter');
  await expect(results(page).locator('.q-search-row').filter({ hasText: 'needle-z' }).first()).toBeVisible();
  await view(page).getByRole('button', { name: 'Stop Search (Escape)' }).click();
  await expect(summary(page)).toHaveText(/ — cancelled$/);
  await expect(view(page).getByRole('progressbar')).toHaveCount(0);
  const stopped = await summary(page).textContent();
  const count = Number(/^([\d,]+) results?/.exec(stopped ?? '')?.[1]?.replace(/,/g, ''));
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(files);
  await expect(results(page).locator('.q-search-row').first()).toBeVisible();
  // Nothing more arrives after the stop.
  await page.waitForTimeout(1000);
  await expect(summary(page)).toHaveText(stopped ?? '');
});

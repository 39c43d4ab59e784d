import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, focusEditorAtEnd, test } from './quire-fixture.js';

/** Writes `files` (relative path → text) under `root`, folders included. */
async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

const TREE = {
  'src/util/format-csv.ts': 'export const formatCsv = 1;\n',
  'src/util/format-json.ts': 'export const formatJson = 1;\n',
  'src/components/FormCsvTable.tsx': 'export const table = 1;\n',
  'docs/guide.md': '# Guide\n',
  'README.md': '# Project\n',
  'notes.txt': 'notes\n',
};

function quickOpen(page: Page) {
  return page.getByRole('dialog', { name: 'Go to file' });
}

function tab(page: Page, file: string) {
  return page.locator(`[data-testid="tab"][data-path="${file}"]`);
}

/** Presses Ctrl+P and waits for quick open's answer to the empty query. */
async function openQuickOpen(page: Page) {
  await page.keyboard.press('Control+p');
  const box = quickOpen(page);
  await expect(box).toBeVisible();
  await expect(box.getByRole('listbox')).toHaveAttribute('data-items-for', '');
  return box;
}

/** Types `query` and waits until the list shows main's answer to exactly it. */
async function typeQuery(page: Page, query: string) {
  const box = quickOpen(page);
  await box.getByRole('textbox', { name: 'File name' }).fill(query);
  await expect(box.getByRole('listbox')).toHaveAttribute('data-items-for', query);
}

test('Ctrl+P finds a file by a fuzzy query, shows the matched characters, and Enter opens it', async ({ page, workspace, openQuire }) => {
  await writeTree(workspace, TREE);
  await openQuire();
  const box = await openQuickOpen(page);
  await expect(box.getByRole('option').filter({ hasText: 'notes.txt' })).toBeVisible();

  await typeQuery(page, 'frmtcsv');
  const first = box.getByRole('option').first();
  await expect(first).toContainText('format-csv.ts');
  await expect(first).toContainText('src/util');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  // The bold characters spell the query, in order, within the row.
  const bold = (await first.locator('strong').allTextContents()).join('').toLowerCase();
  expect(bold).toBe('frmtcsv');
  await expect(first.locator('.codicon-file-code')).toBeVisible();
  await expect(box.getByRole('option').filter({ hasText: 'format-json.ts' })).toHaveCount(0);

  await page.keyboard.press('Enter');
  const file = path.join(workspace, 'src/util/format-csv.ts');
  await expect(tab(page, file)).toHaveAttribute('aria-selected', 'true');
  await expect(box).toBeHidden();
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('formatCsv');
});

test('Ctrl+P opens quick open while the editor has focus, instead of printing or typing', async ({ page, workspace, openQuire }) => {
  await writeTree(workspace, TREE);
  await openQuire({ files: [path.join(workspace, 'notes.txt')] });
  await focusEditorAtEnd(page);
  // Quire's own key handling runs first (capture phase on window); a listener added after it
  // on the same target still sees the event, and whether the browser's default (print) was stopped.
  await page.evaluate(() => {
    const seen = window as unknown as { ctrlPDefaultPrevented?: boolean };
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.ctrlKey && event.key.toLowerCase() === 'p') seen.ctrlPDefaultPrevented = event.defaultPrevented;
      },
      { capture: true },
    );
  });
  await page.keyboard.press('Control+p');
  await expect(quickOpen(page)).toBeVisible();
  await expect(quickOpen(page).getByRole('textbox', { name: 'File name' })).toBeFocused();
  expect(await page.evaluate(() => (window as unknown as { ctrlPDefaultPrevented?: boolean }).ctrlPDefaultPrevented)).toBe(true);

  // Escape closes it and gives the keyboard back to the editor, text untouched.
  await page.keyboard.press('Escape');
  await expect(quickOpen(page)).toBeHidden();
  await page.keyboard.type('!');
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('notes!');
});

test('recently opened files come first, marked, and the query keeps them ranked first', async ({ page, workspace, openQuire }) => {
  await writeTree(workspace, TREE);
  await openQuire();
  for (const query of ['guide', 'frmjsn']) {
    await openQuickOpen(page);
    await typeQuery(page, query);
    await page.keyboard.press('Enter');
    await expect(quickOpen(page)).toBeHidden();
  }
  await expect(tab(page, path.join(workspace, 'src/util/format-json.ts'))).toHaveAttribute('aria-selected', 'true');

  const box = await openQuickOpen(page);
  const options = box.getByRole('option');
  await expect(options.nth(0)).toContainText('format-json.ts');
  await expect(options.nth(0)).toContainText('recently opened');
  await expect(options.nth(1)).toContainText('guide.md');
  await expect(options.nth(1)).toContainText('recently opened');
  await expect(options.nth(2)).not.toContainText('recently opened');

  // "form" matches three files; the one opened before ranks above the two never opened.
  await typeQuery(page, 'form');
  await expect(options.first()).toContainText('format-json.ts');
  await expect(options).toHaveCount(3);
  await page.screenshot({ path: 'test-results/quick-open.png' });
});

test('quick open is live: a file created on disk while it shows appears, a deleted one goes', async ({ page, workspace, openQuire }) => {
  await writeTree(workspace, TREE);
  await openQuire();
  const box = await openQuickOpen(page);
  await typeQuery(page, 'brandnew');
  await expect(box.getByRole('option')).toHaveCount(0);
  await expect(box.getByText('No matching files')).toBeVisible();

  const created = path.join(workspace, 'docs', 'brand-new-page.md');
  await writeFile(created, 'new\n');
  const row = box.getByRole('option').filter({ hasText: 'brand-new-page.md' });
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row).toContainText('docs');

  await rm(created);
  await expect(row).toHaveCount(0, { timeout: 10_000 });
  await expect(box.getByText('No matching files')).toBeVisible();

  const another = path.join(workspace, 'brand-new-notes.txt');
  await writeFile(another, 'new\n');
  const anotherRow = box.getByRole('option').filter({ hasText: 'brand-new-notes.txt' });
  await expect(anotherRow).toBeVisible({ timeout: 10_000 });
  await anotherRow.click();
  await expect(tab(page, another)).toHaveAttribute('aria-selected', 'true');
});

test('an odd query (regex characters, quotes, a very long one) finds nothing and breaks nothing', async ({ page, workspace, openQuire }) => {
  await writeTree(workspace, TREE);
  await openQuire();
  const box = await openQuickOpen(page);
  for (const query of ['.*(', 'x'.repeat(1024), '<>|"', '[]{}$^']) {
    await typeQuery(page, query);
    await expect(box.getByRole('option')).toHaveCount(0);
    await expect(box.getByText('No matching files')).toBeVisible();
  }
  await typeQuery(page, 'README');
  await expect(box.getByRole('option').first()).toContainText('README.md');
});

/**
 * settings.json in the browser edition: opened from the palette, edited and saved in Quire (or
 * changed by another program), applied live; invalid values reported with their key and
 * ignored, while the editor keeps working.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './quire-fixture.js';

const fileTab = (page: Page, file: string) => page.locator(`[data-testid="tab"][data-path="${file}"]`);
const editorLines = (page: Page) => page.locator('.monaco-editor .view-lines').first();
const settingsWarning = (page: Page) => page.getByTestId('notification').filter({ hasText: 'settings.json' });

async function runFromPalette(page: Page, query: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('textbox', { name: 'Command' }).fill(query);
  await expect(palette.getByRole('option').first()).toContainText(query);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

/** Replaces the active editor's whole text by pasting it (typing would auto-close brackets and indent). */
async function replaceText(page: Page, text: string): Promise<void> {
  await editorLines(page).click();
  await page.keyboard.press('Control+a');
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await expect.poll(() => editorText(page)).toBe(text.replace(/\n$/, ''));
}

async function editorText(page: Page): Promise<string> {
  return (await editorLines(page).innerText()).replace(/\u00a0/g, ' ');
}

/** Types `x` after one press of Tab in a new untitled tab: the text shows the indentation in force. */
async function typeIndentedByTab(page: Page): Promise<void> {
  await page.keyboard.press('Alt+n');
  await editorLines(page).click();
  await page.keyboard.press('Tab');
  await page.keyboard.type('x');
}

test('Open Settings (JSON) creates and opens settings.json; saving it applies font and tab size live; a bad value is reported by key and ignored', async ({ page, openQuire }) => {
  const server = await openQuire();
  const settingsFile = path.join(server.configDir, 'settings.json');
  await runFromPalette(page, 'Preferences: Open Settings (JSON)');
  await expect(fileTab(page, settingsFile)).toBeVisible();
  expect(await readFile(settingsFile, 'utf8')).toBe('{}\n');
  await expect(editorLines(page)).toHaveCSS('font-size', '14px');

  // Comments and a trailing comma are fine, as in VS Code.
  await replaceText(page, '{\n  // larger text, two-space indents\n  "editor.fontSize": 22,\n  "editor.tabSize": 2,\n}\n');
  await page.keyboard.press('Control+s');
  await expect(fileTab(page, settingsFile)).toHaveAttribute('data-dirty', 'false');
  await expect(editorLines(page)).toHaveCSS('font-size', '22px');
  await expect(settingsWarning(page)).toHaveCount(0);
  await typeIndentedByTab(page);
  await expect.poll(() => editorText(page)).toBe('  x');
  await page.screenshot({ path: 'test-results/settings-applied.png' });

  await fileTab(page, settingsFile).click();
  await replaceText(page, '{\n  "editor.fontSize": "huge",\n  "editor.tabSize": 3,\n  "editor.fontFamily": "Comic"\n}\n');
  await page.keyboard.press('Control+s');
  const warning = settingsWarning(page);
  await expect(warning).toContainText('"editor.fontSize": must be a number from 6 to 100; using 14');
  await expect(warning).toContainText('"editor.fontFamily": unknown setting; it is ignored');
  await expect(editorLines(page)).toHaveCSS('font-size', '14px');
  await page.screenshot({ path: 'test-results/settings-problem.png' });
  // The valid key still applies, and the editor keeps working.
  await typeIndentedByTab(page);
  await expect.poll(() => editorText(page)).toBe('   x');
  await page.keyboard.type(' still typing');
  await expect.poll(() => editorText(page)).toBe('   x still typing');

  // Fixed: the warning goes away.
  await fileTab(page, settingsFile).click();
  await replaceText(page, '{ "editor.fontSize": 16 }\n');
  await page.keyboard.press('Control+s');
  await expect(settingsWarning(page)).toHaveCount(0);
  await expect(editorLines(page)).toHaveCSS('font-size', '16px');
});

test('settings.json changed by another program applies at once; a file that is not JSON is reported and the defaults apply', async ({ page, workspace, openQuire }) => {
  const server = await openQuire({ configFiles: { 'settings.json': '{ "editor.fontSize": 20 }' } });
  const file = path.join(workspace, 'a.txt');
  await writeFile(file, 'some text\n');
  await page.keyboard.press('Control+o');
  await page.getByRole('dialog', { name: 'Open file' }).getByRole('textbox', { name: 'File path' }).fill(file);
  await page.keyboard.press('Enter');
  await expect(fileTab(page, file)).toBeVisible();
  await expect(editorLines(page)).toHaveCSS('font-size', '20px');

  const settingsFile = path.join(server.configDir, 'settings.json');
  await writeFile(settingsFile, '{ "editor.fontSize": 12 }');
  await expect(editorLines(page)).toHaveCSS('font-size', '12px');

  await writeFile(settingsFile, '{ "editor.fontSize": 30 "hotExit": false }');
  const warning = settingsWarning(page);
  await expect(warning).toContainText('settings.json is not valid JSON (line 1, column 25: comma expected)');
  await expect(editorLines(page)).toHaveCSS('font-size', '14px');
  // The warning's button opens the file to fix it.
  await warning.getByRole('button', { name: 'Open Settings' }).click();
  await expect(fileTab(page, settingsFile)).toHaveAttribute('aria-selected', 'true');
});

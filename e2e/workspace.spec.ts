/**
 * The workspace in the browser edition: File: Open Folder… (to a folder inside the served one,
 * with each folder's own tabs), unsaved changes when switching, and the path box starting in
 * the workspace folder, starting over at `/` and `~/`, and refusing what lies outside.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, focusEditorAtEnd, test } from './quire-fixture.js';

function tab(page: Page, file: string): Locator {
  return page.locator(`[data-testid="tab"][data-path="${file}"]`);
}

function treeRow(page: Page, file: string): Locator {
  return page.getByRole('tree', { name: /^Files of / }).locator(`[role="treeitem"][data-path="${file}"]`);
}

function pathBox(page: Page, name: 'File path' | 'Folder path'): Locator {
  return page.getByTestId('quick-input').getByRole('textbox', { name });
}

async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.getByTestId('quick-input').getByRole('textbox').fill(title);
  await expect(page.getByRole('option').first()).toContainText(title);
  await page.keyboard.press('Enter');
}

/** Whether any session file in the config folder lists `file`: the session was stored. */
async function sessionMentions(configDir: string, file: string): Promise<boolean> {
  const workspaces = path.join(configDir, 'workspaces');
  const ids = await readdir(workspaces).catch(() => [] as string[]);
  for (const id of ids) {
    const session = await readFile(path.join(workspaces, id, 'session.json'), 'utf8').catch(() => '');
    if (session.includes(JSON.stringify(file))) return true;
  }
  return false;
}

test('Open Folder in the browser edition switches to a subfolder with its own tabs, and back', async ({ page, workspace, openQuire }) => {
  const sub = path.join(workspace, 'sub');
  await mkdir(sub);
  const top = path.join(workspace, 'top.txt');
  const inner = path.join(sub, 'inner.txt');
  await writeFile(top, 'top\n');
  await writeFile(inner, 'inner\n');
  const server = await openQuire();
  await treeRow(page, top).click();
  await expect(tab(page, top)).toBeVisible();
  await expect.poll(() => sessionMentions(server.configDir, top)).toBe(true);

  await runFromPalette(page, 'File: Open Folder…');
  const box = pathBox(page, 'Folder path');
  await expect(page.getByTestId('quick-input')).toContainText('Open Folder');
  await expect(box).toHaveValue(`${workspace}/`);
  // Folders only: sub/ is offered, top.txt is not.
  await expect(page.getByRole('option', { name: 'sub/' })).toBeVisible();
  await expect(page.getByRole('option', { name: 'top.txt' })).toHaveCount(0);
  // A name that is not a folder here is refused in the box.
  await box.fill(`${workspace}/nothing`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-input')).toContainText(`There is no folder “nothing” in ${workspace}.`);
  await box.fill(`${workspace}/sub`);
  await page.keyboard.press('Enter');

  // The page starts over in the subfolder: its tree, its title, its (empty) session.
  await expect(page.getByRole('tree', { name: 'Files of sub' })).toBeVisible();
  await expect(page).toHaveTitle('sub — Quire');
  await expect(tab(page, top)).toHaveCount(0);
  await treeRow(page, inner).click();
  await expect(tab(page, inner)).toBeVisible();
  await expect.poll(() => sessionMentions(server.configDir, inner)).toBe(true);

  // `..` goes back up to the served folder, whose tab comes back.
  await runFromPalette(page, 'File: Open Folder…');
  await expect(pathBox(page, 'Folder path')).toHaveValue(`${sub}/`);
  await page.keyboard.type('..');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tree', { name: `Files of ${path.basename(workspace)}` })).toBeVisible();
  await expect(tab(page, top)).toBeVisible();
  await expect(tab(page, inner)).toHaveCount(0);
});

test('Open Folder in the browser edition refuses a folder outside the served one', async ({ page, workspace, openQuire }) => {
  await openQuire();
  await runFromPalette(page, 'File: Open Folder…');
  const box = pathBox(page, 'Folder path');
  await box.fill(`${workspace}/..`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Could not open the folder' })).toContainText('is outside the workspace folder');
  await expect(page.getByRole('tree', { name: `Files of ${path.basename(workspace)}` })).toBeVisible();
});

test('with hot exit on (the default), opening a folder keeps unsaved changes without asking, and they come back with the folder', async ({ page, workspace, openQuire }) => {
  const sub = path.join(workspace, 'sub');
  await mkdir(sub);
  const top = path.join(workspace, 'top.txt');
  await writeFile(top, 'top\n');
  await openQuire();
  await treeRow(page, top).dblclick();
  await expect(tab(page, top)).toBeVisible();
  await focusEditorAtEnd(page);
  await page.keyboard.type('unsaved');
  await expect(tab(page, top)).toHaveAttribute('data-dirty', 'true');

  await runFromPalette(page, 'File: Open Folder…');
  await pathBox(page, 'Folder path').fill(`${sub}/`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tree', { name: 'Files of sub' })).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(tab(page, top)).toHaveCount(0);

  await runFromPalette(page, 'File: Open Folder…');
  await pathBox(page, 'Folder path').fill(`${workspace}/`);
  await page.keyboard.press('Enter');
  await expect(tab(page, top)).toHaveAttribute('data-dirty', 'true');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('unsaved');
  expect(await readFile(top, 'utf8')).toBe('top\n');
});

test('with hot exit off, opening a folder asks about unsaved changes first', async ({ page, workspace, openQuire }) => {
  const sub = path.join(workspace, 'sub');
  await mkdir(sub);
  const top = path.join(workspace, 'top.txt');
  await writeFile(top, 'top\n');
  await openQuire({ configFiles: { 'settings.json': '{ "hotExit": false }' } });
  await treeRow(page, top).dblclick();
  await expect(tab(page, top)).toBeVisible();
  await focusEditorAtEnd(page);
  await page.keyboard.type('more');
  await expect(tab(page, top)).toHaveAttribute('data-dirty', 'true');

  const openSub = async () => {
    await runFromPalette(page, 'File: Open Folder…');
    await pathBox(page, 'Folder path').fill(`${sub}/`);
    await page.keyboard.press('Enter');
  };
  await openSub();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('Do you want to save the changes you made to top.txt?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(tab(page, top)).toHaveAttribute('data-dirty', 'true');
  await expect(page).toHaveTitle(`● top.txt — ${path.basename(workspace)} — Quire`);

  await openSub();
  await dialog.getByRole('button', { name: "Don't Save" }).click();
  await expect(page.getByRole('tree', { name: 'Files of sub' })).toBeVisible();
  await expect(tab(page, top)).toHaveCount(0);
  expect(await readFile(top, 'utf8')).toBe('top\n');
});

test('the path box starts in the workspace folder; `/` and `~/` start over at the root and the home folder; outside paths are refused', async ({ page, workspace, openQuire }) => {
  const home = path.join(workspace, 'home');
  await mkdir(home);
  await writeFile(path.join(home, 'notes.md'), '# Notes\n');
  await mkdir(path.join(workspace, 'src'));
  // The server's home folder is inside the workspace, so `~/` is a place it may list.
  await openQuire({ env: { HOME: home } });

  await page.keyboard.press('Control+o');
  const box = pathBox(page, 'File path');
  await expect(box).toHaveValue(`${workspace}/`);
  await expect(page.getByRole('option', { name: 'src/' })).toBeVisible();

  // `/` right after the folder: the root, which the browser edition does not serve.
  await page.keyboard.type('/');
  await expect(box).toHaveValue('/');
  await expect(page.getByTestId('quick-input')).toContainText('is outside the workspace folder');
  // `~/` after that: the home folder.
  await page.keyboard.type('~/');
  await expect(box).toHaveValue('~/');
  await expect(page.getByRole('option', { name: 'notes.md' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(tab(page, path.join(home, 'notes.md'))).toBeVisible();

  // From the active file's folder, `/etc/hostname` goes to the root and is refused when opened.
  await page.keyboard.press('Control+o');
  await expect(box).toHaveValue(`${home}/`);
  await page.keyboard.type('/etc/hostname');
  await expect(box).toHaveValue('/etc/hostname');
  await expect(page.getByTestId('quick-input')).toContainText('/etc is outside the workspace folder');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '/etc/hostname is outside the workspace folder' })).toBeVisible();
  await expect(page.locator('[data-testid="tab"][data-path="/etc/hostname"]')).toHaveCount(0);
});

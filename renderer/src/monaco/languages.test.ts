import { describe, expect, it } from 'vitest';
import { languageForFileName, languageName } from './languages.js';
import type { LanguageInfo } from './languages.js';

// Shaped like entries Monaco registers for its basic languages.
const languages: LanguageInfo[] = [
  { id: 'plaintext', extensions: ['.txt'], aliases: ['Plain Text', 'text'] },
  { id: 'typescript', extensions: ['.ts', '.tsx', '.cts', '.mts'], aliases: ['TypeScript', 'ts'] },
  { id: 'typescript-declaration', extensions: ['.d.ts'], aliases: ['TS Declaration'] },
  { id: 'dockerfile', extensions: ['.dockerfile'], filenames: ['Dockerfile'], aliases: ['Dockerfile'] },
  { id: 'markdown', extensions: ['.md', '.markdown'], aliases: ['Markdown'] },
  { id: 'shell', extensions: ['.sh', '.bash'], aliases: ['Shell', 'sh'] },
];

describe('languageForFileName', () => {
  it('picks by extension, ignoring case', () => {
    expect(languageForFileName('main.ts', languages)).toBe('typescript');
    expect(languageForFileName('README.MD', languages)).toBe('markdown');
  });

  it('prefers the longest extension', () => {
    expect(languageForFileName('index.d.ts', languages)).toBe('typescript-declaration');
  });

  it('prefers an exact file name over extensions', () => {
    expect(languageForFileName('Dockerfile', languages)).toBe('dockerfile');
    expect(languageForFileName('dockerfile', languages)).toBe('dockerfile');
  });

  it('falls back to plain text, also for a bare dotfile named like an extension', () => {
    expect(languageForFileName('notes', languages)).toBe('plaintext');
    expect(languageForFileName('.sh', languages)).toBe('plaintext');
    expect(languageForFileName('Untitled-1', languages)).toBe('plaintext');
  });
});

describe('languageName', () => {
  it('uses the first alias, else the id', () => {
    expect(languageName('typescript', languages)).toBe('TypeScript');
    expect(languageName('unknown-lang', languages)).toBe('unknown-lang');
  });
});

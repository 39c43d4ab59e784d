// The linters of the ready plugins and the language choice are shared with the headless
// `quire lint` (app/plugin-choice.ts), so a file gets the same linters in both.
export { activeLinters, lintersForLanguage, type ActiveLinter } from '../../../app/plugin-choice.js';

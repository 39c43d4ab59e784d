import { monaco } from './setup-monaco.js';

/** Keeps Monaco's theme on the OS's light or dark preference (the chrome follows it in CSS). */
export function followColorScheme(): void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => monaco.editor.setTheme(query.matches ? 'vs-dark' : 'vs');
  apply();
  query.addEventListener('change', apply);
}

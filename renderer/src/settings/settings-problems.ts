import type { SettingsProblem } from '../../../app/workspace-contract.js';
import type { NotificationRequest } from '../state/ui-slice.js';

/** The key of the one notification about settings.json's problems: each change replaces it. */
export const SETTINGS_PROBLEMS_KEY = 'settings:problems';

/** One line per problem: `"editor.fontSize": must be a number from 6 to 100; using 14`. */
export function problemLine(problem: SettingsProblem): string {
  return problem.key === '' ? problem.message : `${JSON.stringify(problem.key)}: ${problem.message}`;
}

/** The warning listing settings.json's problems, with a button to open the file; null when it has none. */
export function settingsProblemsNotification(problems: readonly SettingsProblem[], openSettings: () => void): NotificationRequest | null {
  if (problems.length === 0) return null;
  const [only] = problems;
  const wholeFile = problems.length === 1 && only?.key === '';
  return {
    key: SETTINGS_PROBLEMS_KEY,
    severity: 'warning',
    message: wholeFile ? only.message : `settings.json has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; Quire ignores what each names:`,
    detail: wholeFile ? [] : problems.map(problemLine),
    actions: [{ label: 'Open Settings', run: openSettings }],
  };
}

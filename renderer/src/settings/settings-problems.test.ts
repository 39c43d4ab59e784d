import { describe, expect, it } from 'vitest';
import { SETTINGS_PROBLEMS_KEY, settingsProblemsNotification } from './settings-problems.js';

describe('settingsProblemsNotification', () => {
  const open = () => undefined;

  it('is nothing when settings.json has no problems', () => {
    expect(settingsProblemsNotification([], open)).toBeNull();
  });

  it('names each key with its message, in one keyed warning that offers to open the file', () => {
    const notification = settingsProblemsNotification(
      [
        { key: 'editor.fontSize', message: 'must be a number from 6 to 100; using 14' },
        { key: 'editor.fontFamily', message: 'unknown setting; it is ignored' },
      ],
      open,
    );
    expect(notification).toMatchObject({
      key: SETTINGS_PROBLEMS_KEY,
      severity: 'warning',
      message: 'settings.json has 2 problems; Quire ignores what each names:',
      detail: ['"editor.fontSize": must be a number from 6 to 100; using 14', '"editor.fontFamily": unknown setting; it is ignored'],
    });
    expect(notification?.actions?.map((action) => action.label)).toEqual(['Open Settings']);
  });

  it('says a file that is not JSON in the message itself', () => {
    const notification = settingsProblemsNotification([{ key: '', message: 'settings.json is not valid JSON (line 1, column 3: comma expected)' }], open);
    expect(notification).toMatchObject({ message: 'settings.json is not valid JSON (line 1, column 3: comma expected)', detail: [] });
  });
});

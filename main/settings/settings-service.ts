/** PLACEHOLDER (helper C replaces): settings.json, watched and validated. */
export class SettingsService {
  constructor(readonly configDir: string) {}
}

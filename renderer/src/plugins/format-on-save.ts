const STORAGE_KEY = 'quire.formatOnSave';

/** Whether saving a document formats it first (with its plugin's formatter); off unless turned on. */
export function loadFormatOnSave(storage: Storage): boolean {
  return storage.getItem(STORAGE_KEY) === 'true';
}

export function storeFormatOnSave(storage: Storage, on: boolean): void {
  storage.setItem(STORAGE_KEY, on ? 'true' : 'false');
}

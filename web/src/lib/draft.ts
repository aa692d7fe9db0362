// Form drafts survive an expired session, a refused request and a reload: each form stores
// what was typed under its own key in sessionStorage until it is saved or cancelled.

const kPrefix = 'ptdv.draft.';

export function loadDraft<T>(key: string): T | null {
  try {
    const text = sessionStorage.getItem(kPrefix + key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(kPrefix + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the form still works, only without the safety net.
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(kPrefix + key);
  } catch {
    // Nothing to clear.
  }
}

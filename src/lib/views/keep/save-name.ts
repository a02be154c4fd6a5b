/** Checks and words for the saves panel: pure, so they are tested without a DOM. */

export const MAX_SAVE_NAME = 80;

/** The trimmed name, or a hint saying what is wrong with it. */
export function checkSaveName(raw: string): { ok: true; name: string } | { ok: false; hint: string } {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '') return { ok: false, hint: 'Give the save a name.' };
  if (name.length > MAX_SAVE_NAME) return { ok: false, hint: `At most ${MAX_SAVE_NAME} characters (this is ${name.length}).` };
  return { ok: true, name };
}

/** "just now", "5 min ago", "3 h ago", else the date: short enough for a list row. */
export function savedAgo(savedAt: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - savedAt) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(savedAt).toISOString().slice(0, 10);
}

// Small shared pieces: a page's error line (problem+json, 403 included), a hook that loads and can poll a list.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from './i18n.ts';
import type { Answer } from './session.ts';

export function Problem({ answer }: { answer: Answer<unknown> | undefined }) {
  if (!answer?.error) return null;
  const text =
    answer.status === 403
      ? t('forbidden')
      : [answer.error.detail, ...(answer.error.errors ?? []).map((e) => `${e.path}: ${e.message}`)].filter(Boolean).join(' ');
  return (
    <p class="error" role="alert">
      {text || answer.error.type}
    </p>
  );
}

/** Loads with `load`; with `pollMs`, reloads on that period while the page is visible (new items appear by themselves). */
export function useLoad<T>(load: () => Promise<Answer<T>>, deps: unknown[], pollMs?: number) {
  const [answer, setAnswer] = useState<Answer<T> | undefined>(undefined);
  const reload = useCallback(async () => setAnswer(await load()), deps);
  useEffect(() => {
    void reload();
    if (!pollMs) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, pollMs);
    return () => clearInterval(timer);
  }, [reload, pollMs]);
  return { answer, data: answer?.data, reload };
}

export const field = (event: Event) => (event.currentTarget as HTMLInputElement).value;
export const formValues = (event: Event) => {
  event.preventDefault();
  return Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement)) as Record<string, string>;
};

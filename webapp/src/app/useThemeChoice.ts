import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { resolveTheme, saveTheme, storedTheme, type ThemeChoice } from './theme';

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The saved theme choice, shared by every component that shows or changes it; follows OS changes on "system". */
export function useThemeChoice() {
  const choice = useSyncExternalStore(subscribe, storedTheme, () => 'system' as ThemeChoice);
  const setChoice = useCallback((next: ThemeChoice) => {
    saveTheme(next);
    listeners.forEach((listener) => listener());
  }, []);
  useEffect(() => {
    if (choice !== 'system' || typeof window.matchMedia !== 'function') {
      return undefined;
    }
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => {
      saveTheme('system');
      listeners.forEach((listener) => listener());
    };
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [choice]);
  return { choice, resolved: resolveTheme(choice), setChoice };
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyTheme, saveTheme, storedTheme } from './theme';

function prefersDark(dark: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: dark && query.includes('dark'), media: query }));
}

describe('theme', () => {
  afterEach(() => window.localStorage.clear());

  it('follows the OS until the user chooses', () => {
    prefersDark(true);
    expect(storedTheme()).toBe('system');
    applyTheme(storedTheme());
    expect(document.documentElement).toHaveClass('dark');
  });

  it('persists an explicit choice and forgets it on "system"', () => {
    prefersDark(true);
    saveTheme('light');
    expect(window.localStorage.getItem('theme')).toBe('light');
    expect(storedTheme()).toBe('light');
    expect(document.documentElement).not.toHaveClass('dark');

    saveTheme('system');
    expect(window.localStorage.getItem('theme')).toBeNull();
    expect(document.documentElement).toHaveClass('dark');
  });
});

/** US dollars as the platform counts them: cents for sums, finer for the small cost of a single run. */
export function formatUsd(amount: number | null | undefined): string {
  const value = amount ?? 0;
  const digits = value !== 0 && Math.abs(value) < 0.01 ? 4 : 2;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** Token counts, compact past ten thousand (12.3k, 4.5M). */
export function formatTokens(count: number): string {
  if (count < 10_000) {
    return count.toLocaleString('en-US');
  }
  if (count < 1_000_000) {
    return `${(count / 1_000).toFixed(1)}k`;
  }
  return `${(count / 1_000_000).toFixed(1)}M`;
}

/** "2026-11" as "Nov 2026". */
export function formatMonth(month: string | undefined): string {
  if (!month) {
    return '';
  }
  const [year = 1970, number = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number - 1, 1)).toLocaleDateString('en-US', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

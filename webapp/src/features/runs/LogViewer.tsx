import { useDeferredValue, useLayoutEffect, useRef, useState } from 'react';
import type { RunLog } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { Card, CardHeader } from '../../components/ui/Card';
import { Input } from '../../components/ui/Field';
import { cn } from '../../lib/cn';
import { useLogTail } from './useLogTail';

const LEVEL_CLASS: Record<string, string> = {
  error: 'text-red-400',
  warn: 'text-amber-300',
  debug: 'text-zinc-500',
};

/** Lines rendered at once; the rest stay one click away so a long log does not slow the page down. */
export const LOG_RENDER_LIMIT = 2_000;

export function filterLogs(lines: RunLog[], text: string, problemsOnly: boolean): RunLog[] {
  const needle = text.trim().toLowerCase();
  return lines.filter(
    (line) =>
      (!problemsOnly || line.level === 'error' || line.level === 'warn') &&
      (needle === '' || (line.message ?? '').toLowerCase().includes(needle) || (line.source ?? '').toLowerCase().includes(needle)),
  );
}

/**
 * A run's log, tailed live while the run is queued or running. It follows the end until the reader scrolls up (or
 * presses Pause), then shows how many lines arrived meanwhile and a button back to the end. The box has a fixed
 * height, so streaming lines never move the rest of the page.
 */
export function LogViewer({ runId, live }: { runId: string; live: boolean }) {
  const tail = useLogTail(runId, live);
  const [filter, setFilter] = useState('');
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [following, setFollowing] = useState(true);
  const [showAll, setShowAll] = useState(false);
  const [seenCount, setSeenCount] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const deferredFilter = useDeferredValue(filter);
  const matched = filterLogs(tail.lines, deferredFilter, problemsOnly);
  const hidden = showAll ? 0 : Math.max(0, matched.length - LOG_RENDER_LIMIT);
  const visible = hidden > 0 ? matched.slice(hidden) : matched;
  const unseen = following ? 0 : Math.max(0, tail.lines.length - seenCount);

  useLayoutEffect(() => {
    if (following && box.current) {
      box.current.scrollTop = box.current.scrollHeight;
      setSeenCount(tail.lines.length);
    }
  }, [following, tail.lines.length, visible.length]);

  const follow = () => {
    setFollowing(true);
    if (box.current) {
      box.current.scrollTop = box.current.scrollHeight;
    }
  };

  return (
    <Card>
      <CardHeader
        title={
          <span className="flex items-center gap-2">
            Logs
            {live && (
              <span className="inline-flex items-center gap-1 text-xs font-medium text-emerald-600 dark:text-emerald-400">
                <span className="size-1.5 animate-pulse rounded-full bg-emerald-500" aria-hidden="true" />
                Live
              </span>
            )}
          </span>
        }
        description={
          tail.loading
            ? 'Loading…'
            : `${tail.lines.length.toLocaleString()} ${tail.lines.length === 1 ? 'line' : 'lines'}` +
              (tail.dropped > 0 ? ` (the first ${tail.dropped.toLocaleString()} are no longer kept in this tab)` : '') +
              (matched.length !== tail.lines.length ? ` · ${matched.length.toLocaleString()} shown` : '')
        }
        actions={
          live ? (
            <Button size="sm" variant="secondary" onClick={() => (following ? setFollowing(false) : follow())} aria-pressed={!following}>
              {following ? 'Pause' : 'Follow'}
            </Button>
          ) : undefined
        }
      />
      <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 px-5 py-2.5 dark:border-zinc-800">
        <Input
          type="search"
          aria-label="Filter log lines"
          placeholder="Filter lines…"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          className="h-8 max-w-xs"
        />
        <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          <input type="checkbox" checked={problemsOnly} onChange={(event) => setProblemsOnly(event.target.checked)} />
          Warnings and errors only
        </label>
      </div>
      <div className="relative">
        <div
          ref={box}
          onScroll={(event) => {
            const el = event.currentTarget;
            const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
            if (atEnd !== following) {
              setFollowing(atEnd);
              if (atEnd) {
                setSeenCount(tail.lines.length);
              }
            }
          }}
          className="h-[28rem] overflow-auto rounded-b-xl bg-zinc-950 p-4 font-mono text-xs leading-relaxed text-zinc-200"
          tabIndex={0}
          role="log"
          aria-label="Run logs"
          aria-live="off"
        >
          {tail.error && (
            <p className="mb-2 text-red-400" role="alert">
              Could not read the log: {tail.error.message}. {live ? 'Retrying…' : ''}
            </p>
          )}
          {hidden > 0 && (
            <button type="button" className="mb-2 text-zinc-400 underline hover:text-zinc-200" onClick={() => setShowAll(true)}>
              Show {hidden.toLocaleString()} earlier lines
            </button>
          )}
          {!tail.loading && matched.length === 0 ? (
            <p className="text-zinc-500">
              {tail.lines.length === 0 ? (live ? 'Waiting for the first log lines…' : 'No log lines.') : 'No line matches the filter.'}
            </p>
          ) : (
            visible.map((line, index) => (
              <div key={line.id ?? index} className={cn('flex gap-3 whitespace-pre-wrap break-all', LEVEL_CLASS[line.level ?? 'info'])}>
                <span className="shrink-0 text-zinc-600 select-none">
                  {line.loggedAt ? new Date(line.loggedAt).toLocaleTimeString() : ''}
                </span>
                {line.source && <span className="shrink-0 text-zinc-500 select-none">[{line.source}]</span>}
                <span className="min-w-0">{line.message}</span>
              </div>
            ))
          )}
        </div>
        {!following && (
          <Button size="sm" className="absolute right-5 bottom-4 shadow-lg" onClick={follow}>
            {unseen > 0 ? `${unseen.toLocaleString()} new ${unseen === 1 ? 'line' : 'lines'} · Follow` : 'Jump to the end'}
          </Button>
        )}
      </div>
    </Card>
  );
}

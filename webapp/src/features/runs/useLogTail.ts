import { useEffect, useReducer, useRef } from 'react';
import { api } from '../../api/client';
import type { RunLog } from '../../api/types';

/** `GET /api/jobs/{id}/logs?afterId=&limit=`: the lines after a cursor, oldest first, and the next cursor. */
interface LogPage {
  logs?: RunLog[];
  nextAfterId?: number;
}

export const LOG_PAGE_SIZE = 1000;
/** Lines kept in the browser; older ones are dropped (and counted) so a chatty run cannot exhaust the tab. */
export const LOG_KEEP = 20_000;

export interface LogTail {
  lines: RunLog[];
  /** Lines dropped from the start to stay under {@link LOG_KEEP}. */
  dropped: number;
  /** True until the first page has arrived. */
  loading: boolean;
  error: Error | undefined;
}

type Action = { type: 'reset' } | { type: 'page'; lines: RunLog[] } | { type: 'error'; error: Error };

function reduce(state: LogTail, action: Action): LogTail {
  switch (action.type) {
    case 'reset':
      return { lines: [], dropped: 0, loading: true, error: undefined };
    case 'error':
      return { ...state, loading: false, error: action.error };
    case 'page': {
      // never the same line twice, whatever overlapping reads returned
      const last = state.lines.at(-1)?.id ?? 0;
      const fresh = action.lines.filter((line) => (line.id ?? 0) > last);
      const lines = fresh.length === 0 ? state.lines : [...state.lines, ...fresh];
      const over = Math.max(0, lines.length - LOG_KEEP);
      return {
        lines: over > 0 ? lines.slice(over) : lines,
        dropped: state.dropped + over,
        loading: false,
        error: undefined,
      };
    }
  }
}

/**
 * Tails a run's log with the paged endpoint: reads every page from the start, then polls for lines after the last
 * one every `intervalMs` while `live`, and reads once more when the run ends so its last lines are not missed.
 */
export function useLogTail(runId: string, live: boolean, intervalMs = 2_000): LogTail {
  const [state, dispatch] = useReducer(reduce, { lines: [], dropped: 0, loading: true, error: undefined });

  const cursor = useRef(0);

  useEffect(() => {
    cursor.current = 0;
    dispatch({ type: 'reset' });
  }, [runId]);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a hidden tab stops polling and catches up when it is shown again
    const onVisible = () => {
      if (!document.hidden) {
        document.removeEventListener('visibilitychange', onVisible);
        void poll();
      }
    };
    const schedule = () => {
      if (document.hidden) {
        document.addEventListener('visibilitychange', onVisible);
      } else {
        timer = setTimeout(() => void poll(), intervalMs);
      }
    };
    const poll = async () => {
      try {
        for (;;) {
          const page = await api.get<LogPage>(
            `/jobs/${runId}/logs`,
            { afterId: cursor.current, limit: LOG_PAGE_SIZE },
            controller.signal,
          );
          if (controller.signal.aborted) {
            return;
          }
          const lines = page.logs ?? [];
          cursor.current = Math.max(cursor.current, page.nextAfterId ?? lines.at(-1)?.id ?? 0);
          dispatch({ type: 'page', lines });
          if (lines.length < LOG_PAGE_SIZE) {
            break;
          }
        }
      } catch (error) {
        if (controller.signal.aborted) {
          return;
        }
        dispatch({ type: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      }
      if (live && !controller.signal.aborted) {
        schedule();
      }
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
    // `live` going false re-runs this once more: the final read after the run ended
  }, [runId, live, intervalMs]);

  return state;
}

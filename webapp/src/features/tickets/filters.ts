import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  PHASES,
  SEVERITIES,
  STATUSES,
  type ArchivedFilter,
  type LifecycleStatus,
  type Severity,
  type WorkflowPhase,
} from '../../api/types';
import type { TicketListParams } from './api';

export type StatusFilter = 'actionable' | 'all' | LifecycleStatus;
export type TicketView = 'table' | 'board';
export const PAGE_SIZES = [25, 50, 100] as const;

/** Every filter of the tickets page; all of it lives in the URL so a view can be bookmarked and shared. */
export interface TicketFilters {
  tab: 'active' | 'archived';
  status: StatusFilter;
  phase: WorkflowPhase | 'all';
  severity: Severity | 'all';
  search: string;
  view: TicketView;
  page: number;
  pageSize: number;
}

const ACTIONABLE: LifecycleStatus[] = ['open', 'in_progress', 'in_review'];

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function parseFilters(params: URLSearchParams): TicketFilters {
  const tab = params.get('tab') === 'archived' ? 'archived' : 'active';
  const pageSize = Number(params.get('pageSize'));
  const page = Math.floor(Number(params.get('page')));
  return {
    tab,
    // the active queue shows what needs attention by default; the archive shows everything
    status: oneOf<StatusFilter>(params.get('status'), ['actionable', 'all', ...STATUSES], tab === 'archived' ? 'all' : 'actionable'),
    phase: oneOf(params.get('phase'), [...PHASES, 'all'] as const, 'all'),
    severity: oneOf(params.get('severity'), [...SEVERITIES, 'all'] as const, 'all'),
    search: params.get('search') ?? '',
    view: params.get('view') === 'board' ? 'board' : 'table',
    page: Number.isFinite(page) && page > 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : 25,
  };
}

/** Writes only what differs from the defaults, so a plain list has a plain URL. */
export function serializeFilters(filters: TicketFilters): URLSearchParams {
  const defaults = parseFilters(new URLSearchParams(filters.tab === 'archived' ? 'tab=archived' : ''));
  const params = new URLSearchParams();
  (Object.keys(filters) as (keyof TicketFilters)[]).forEach((key) => {
    const value = filters[key];
    if (key === 'tab' ? value === 'archived' : value !== defaults[key] && value !== '') {
      params.set(key, String(value));
    }
  });
  return params;
}

export function toQuery(filters: TicketFilters, projectSlug: string): TicketListParams {
  const archived: ArchivedFilter = filters.tab === 'archived' ? 'only' : 'exclude';
  return {
    projectSlug,
    archived,
    statuses: filters.status === 'all' ? undefined : filters.status === 'actionable' ? ACTIONABLE : [filters.status],
    workflowPhases: filters.phase === 'all' ? undefined : [filters.phase],
    severity: filters.severity === 'all' ? undefined : [filters.severity],
    search: filters.search || undefined,
    limit: filters.pageSize,
    offset: (filters.page - 1) * filters.pageSize,
  };
}

export function useTicketFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  /** Changing any filter but the page goes back to page 1. */
  const update = useCallback(
    (change: Partial<TicketFilters>) => {
      setParams(
        (current) => {
          const previous = parseFilters(current);
          const next = { ...previous, ...change };
          if (change.page === undefined) {
            next.page = 1;
          }
          if (change.tab && change.tab !== previous.tab && change.status === undefined) {
            next.status = change.tab === 'archived' ? 'all' : 'actionable';
          }
          return serializeFilters(next);
        },
        { replace: change.search !== undefined },
      );
    },
    [setParams],
  );
  return { filters, update };
}

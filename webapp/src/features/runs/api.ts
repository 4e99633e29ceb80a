import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, Run, RunStatus } from '../../api/types';

export const runKeys = {
  all: ['runs'] as const,
  list: (projectId: string, status: RunStatus | 'all', offset: number) => ['runs', 'list', projectId, status, offset] as const,
  detail: (id: string) => ['runs', 'detail', id] as const,
};

export function isLive(status: RunStatus): boolean {
  return status === 'queued' || status === 'active';
}

/** A project's runs, newest first; refreshed every 5 s while one of them is queued or running. */
export function useRuns(projectId: string, status: RunStatus | 'all', limit: number, offset: number) {
  return useQuery({
    queryKey: runKeys.list(projectId, status, offset),
    queryFn: ({ signal }) =>
      api.get<Page<Run>>('/jobs', { projectId, status: status === 'all' ? undefined : status, limit, offset }, signal),
    refetchInterval: (query) => (query.state.data?.data.some((run) => isLive(run.status)) ? 5_000 : false),
  });
}

/** One run with its progress and latest log lines; polled every 3 s until it ends. */
export function useRun(id: string | undefined) {
  return useQuery({
    queryKey: runKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Run>(`/jobs/${id}`, {}, signal),
    enabled: !!id,
    refetchInterval: (query) => (query.state.data && isLive(query.state.data.status) ? 3_000 : false),
  });
}

export function useCancelRun(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Run>(`/jobs/${id}/cancel`),
    onSuccess: (run) => {
      client.setQueryData(runKeys.detail(id), run);
      return client.invalidateQueries({ queryKey: ['runs', 'list'] });
    },
  });
}

export function useRetryRun(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Run>(`/jobs/${id}/retry`),
    onSuccess: () => client.invalidateQueries({ queryKey: runKeys.all }),
  });
}

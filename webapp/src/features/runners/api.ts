import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas } from '../../api/schema';
import type { Page, Runner } from '../../api/types';

export type RunnerRequest = Omit<Schemas['ClankerRequest'], 'deploymentConfig'> & {
  deploymentConfig?: Record<string, unknown>;
};

export const runnerKeys = {
  all: ['runners'] as const,
  list: ['runners', 'list'] as const,
  bySlug: (slug: string) => ['runners', 'slug', slug] as const,
};

/** The agent runners; polled every 3 s while one is provisioning (`deploying`), so it turns active or failed live. */
export function useRunners() {
  return useQuery({
    queryKey: runnerKeys.list,
    queryFn: ({ signal }) => api.get<Page<Runner>>('/clankers', { limit: 200 }, signal),
    refetchInterval: (query) => (query.state.data?.data.some((runner) => runner.status === 'deploying') ? 3_000 : false),
  });
}

export function useRunner(slug: string | undefined) {
  return useQuery({
    queryKey: runnerKeys.bySlug(slug ?? ''),
    queryFn: ({ signal }) => api.get<Runner>(`/clankers/by-slug/${encodeURIComponent(slug ?? '')}`, {}, signal),
    enabled: !!slug,
  });
}

export function useSaveRunner(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: RunnerRequest) =>
      id ? api.put<Runner>(`/clankers/${id}`, request) : api.post<Runner>('/clankers', request),
    meta: { fieldErrorsInline: true },
    onSuccess: () => client.invalidateQueries({ queryKey: runnerKeys.all }),
  });
}

/** Start (checks the configuration and makes the runner available) or deactivate a runner. */
export function useRunnerState() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'start' | 'deactivate' }) => api.post<Runner>(`/clankers/${id}/${action}`),
    onSuccess: () => client.invalidateQueries({ queryKey: runnerKeys.all }),
  });
}

export function useDeleteRunner() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/clankers/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: runnerKeys.all }),
  });
}

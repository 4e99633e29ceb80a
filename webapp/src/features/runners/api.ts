import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas, WithRequired } from '../../api/schema';
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

export type RunnerHealth = WithRequired<Schemas['ClankerHealth'], 'healthy'>;
export type InstructionFile = WithRequired<Schemas['ClankerFile'], 'path' | 'content'>;
export type WorkerImage = WithRequired<Schemas['WorkerImage'], 'agent' | 'image'>;

export const runnerDetailKeys = {
  files: (id: string) => ['runners', id, 'files'] as const,
  health: (id: string) => ['runners', id, 'health'] as const,
  images: ['worker-images'] as const,
};

/** A runner polled every 3 s while it provisions, so its steps and outcome show live. */
export function useRunnerLive(slug: string | undefined) {
  return useQuery({
    queryKey: runnerKeys.bySlug(slug ?? ''),
    queryFn: ({ signal }) => api.get<Runner>(`/clankers/by-slug/${encodeURIComponent(slug ?? '')}`, {}, signal),
    enabled: !!slug,
    refetchInterval: (query) => (query.state.data?.status === 'deploying' ? 3_000 : false),
  });
}

/** A live check of the runtime (configuration, reachability, image / task definition / function); on demand. */
export function useRunnerHealth(id: string) {
  return useMutation({
    mutationFn: () => api.get<RunnerHealth>(`/clankers/${id}/health`),
  });
}

/** The platform's default worker image per agent; a runner's deploymentConfig.image overrides it. */
export function useWorkerImages() {
  return useQuery({
    queryKey: runnerDetailKeys.images,
    queryFn: ({ signal }) => api.get<WorkerImage[]>('/worker-images', undefined, signal),
    staleTime: Infinity,
  });
}

export function useInstructionFiles(id: string) {
  return useQuery({
    queryKey: runnerDetailKeys.files(id),
    queryFn: ({ signal }) => api.get<InstructionFile[]>(`/clankers/${id}/instruction-files`, undefined, signal),
  });
}

/** `skills/review.md` → `skills/review.md` with each segment encoded (the path keeps its slashes). */
export function filePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function useSaveInstructionFile(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, content }: { path: string; content: string }) =>
      api.put<InstructionFile>(`/clankers/${id}/instruction-files/${filePath(path)}`, { content }),
    meta: { fieldErrorsInline: true },
    onSuccess: () => client.invalidateQueries({ queryKey: runnerKeys.all }),
  });
}

export function useDeleteInstructionFile(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => api.delete(`/clankers/${id}/instruction-files/${filePath(path)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: runnerKeys.all }),
  });
}

export type EgressMode = Schemas['EgressPolicyRequest']['mode'];
export type EgressPolicy = WithRequired<Schemas['EgressPolicyView'], 'mode' | 'allowedHosts' | 'warnings' | 'enforceable'>;

export const egressKeys = {
  policy: (id: string) => ['runners', id, 'egress'] as const,
};

/** How far the runner's workers may reach on the network, with the platform's warnings about it. */
export function useEgressPolicy(id: string) {
  return useQuery({
    queryKey: egressKeys.policy(id),
    queryFn: ({ signal }) => api.get<EgressPolicy>(`/clankers/${id}/egress`, undefined, signal),
  });
}

export function useSaveEgressPolicy(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: Schemas['EgressPolicyRequest']) => api.put<EgressPolicy>(`/clankers/${id}/egress`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: (saved) => client.setQueryData(egressKeys.policy(id), saved),
  });
}

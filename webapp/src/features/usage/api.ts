import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  ProjectCostControls,
  ProjectCostControlsRequest,
  RunnerCostControls,
  RunnerCostControlsRequest,
  Usage,
} from '../../api/types';

/** Whose usage: a project's or an agent runner's (the platform calls runners clankers). */
export type UsageScope = { kind: 'project'; id: string } | { kind: 'runner'; id: string };

const base = (scope: UsageScope) => (scope.kind === 'project' ? `/projects/${scope.id}` : `/clankers/${scope.id}`);

export const usageKeys = {
  run: (id: string) => ['usage', 'run', id] as const,
  monthly: (scope: UsageScope) => ['usage', scope.kind, scope.id, 'monthly'] as const,
  controls: (scope: UsageScope) => ['cost-controls', scope.kind, scope.id] as const,
};

/** Tokens and cost of one run; polled while the run is live, since every model request adds to it. */
export function useRunUsage(runId: string, live: boolean) {
  return useQuery({
    queryKey: usageKeys.run(runId),
    queryFn: ({ signal }) => api.get<Usage>(`/jobs/${runId}/usage`, {}, signal),
    refetchInterval: live ? 5_000 : false,
  });
}

/** The monthly rollup, newest month last as the platform answers it (the last 12 months by default). */
export function useMonthlyUsage(scope: UsageScope) {
  return useQuery({
    queryKey: usageKeys.monthly(scope),
    queryFn: ({ signal }) => api.get<Usage[]>(`${base(scope)}/usage/monthly`, {}, signal),
  });
}

export function useProjectCostControls(projectId: string) {
  const scope: UsageScope = { kind: 'project', id: projectId };
  return useQuery({
    queryKey: usageKeys.controls(scope),
    queryFn: ({ signal }) => api.get<ProjectCostControls>(`/projects/${projectId}/cost-controls`, {}, signal),
  });
}

export function useSetProjectCostControls(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ProjectCostControlsRequest) =>
      api.put<ProjectCostControls>(`/projects/${projectId}/cost-controls`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: (saved) => client.setQueryData(usageKeys.controls({ kind: 'project', id: projectId }), saved),
  });
}

export function useRunnerCostControls(runnerId: string) {
  const scope: UsageScope = { kind: 'runner', id: runnerId };
  return useQuery({
    queryKey: usageKeys.controls(scope),
    queryFn: ({ signal }) => api.get<RunnerCostControls>(`/clankers/${runnerId}/cost-controls`, {}, signal),
  });
}

export function useSetRunnerCostControls(runnerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: RunnerCostControlsRequest) =>
      api.put<RunnerCostControls>(`/clankers/${runnerId}/cost-controls`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: (saved) => client.setQueryData(usageKeys.controls({ kind: 'runner', id: runnerId }), saved),
  });
}

/** The share of a budget spent, and whether that is past the platform's 80 % warning line or over. */
export type BudgetState = 'ok' | 'warning' | 'exceeded';

export function budgetState(spent: number, budget: number | null | undefined): BudgetState | null {
  if (budget === null || budget === undefined || budget <= 0) {
    return null;
  }
  const share = spent / budget;
  return share >= 1 ? 'exceeded' : share >= 0.8 ? 'warning' : 'ok';
}

/** The current calendar month in UTC, as the platform names months (YYYY-MM). */
export function currentMonth(now: Date = new Date()): string {
  return now.toISOString().slice(0, 7);
}

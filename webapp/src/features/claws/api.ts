import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas, WithRequired } from '../../api/schema';

export type ClawTemplate = WithRequired<Schemas['ClawTemplate'], 'id' | 'projectId' | 'name' | 'clankerId' | 'taskInstructions' | 'createdAt'>;
export type Schedule = WithRequired<
  Schemas['ScheduleView'],
  'id' | 'projectId' | 'taskTemplateId' | 'name' | 'scheduleType' | 'timezone' | 'isActive' | 'runCount' | 'failureCount' | 'autoPauseAfter' | 'createdAt'
>;
export type Execution = WithRequired<Schemas['ClawExecution'], 'id' | 'scheduleId' | 'slotAt' | 'status' | 'createdAt'>;
export type TemplateRequest = Schemas['Template'];
export type ScheduleRequest = Schemas['Schedule'];
export type ExecutionStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';

export const clawKeys = {
  all: ['claws'] as const,
  templates: (projectId: string) => ['claws', 'templates', projectId] as const,
  schedules: (projectId: string) => ['claws', 'schedules', projectId] as const,
  executions: (scheduleId: string | undefined) => ['claws', 'executions', scheduleId ?? 'all'] as const,
  preview: (query: Record<string, string>) => ['claws', 'preview', query] as const,
};

export function useTemplates(projectId: string) {
  return useQuery({
    queryKey: clawKeys.templates(projectId),
    queryFn: ({ signal }) => api.get<ClawTemplate[]>('/claw/task-templates', { projectId, limit: 200 }, signal),
  });
}

export function useSchedules(projectId: string) {
  return useQuery({
    queryKey: clawKeys.schedules(projectId),
    queryFn: ({ signal }) => api.get<Schedule[]>('/claw/schedules', { projectId, limit: 200 }, signal),
    // the next-run times and counters move on their own
    refetchInterval: 30_000,
  });
}

/** Executions, newest first: one schedule's, or all (the page keeps its project's); polled while one is live. */
export function useExecutions(scheduleId: string | undefined) {
  return useQuery({
    queryKey: clawKeys.executions(scheduleId),
    queryFn: ({ signal }) => api.get<Execution[]>('/claw/executions', { scheduleId, limit: 100 }, signal),
    refetchInterval: (query) =>
      query.state.data?.some((execution) => execution.status === 'pending' || execution.status === 'running') ? 5_000 : false,
  });
}

export interface PreviewQuery {
  scheduleType: 'interval' | 'cron';
  intervalExpression?: string;
  cronExpression?: string;
  timezone?: string;
}

/** The next five run times of an expression, before it is saved. */
export function useSchedulePreview(query: PreviewQuery | undefined) {
  const params: Record<string, string> = {};
  if (query) {
    params.scheduleType = query.scheduleType;
    if (query.scheduleType === 'interval') {
      params.intervalExpression = query.intervalExpression ?? '';
    } else {
      params.cronExpression = query.cronExpression ?? '';
      params.timezone = query.timezone || 'UTC';
    }
  }
  return useQuery({
    queryKey: clawKeys.preview(params),
    queryFn: ({ signal }) => api.get<{ nextRuns?: string[] }>('/claw/schedules/preview', { ...params, count: 5 }, signal),
    enabled: !!query,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
}

function useInvalidateClaws() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: clawKeys.all });
}

export function useSaveTemplate(id: string | undefined) {
  const invalidate = useInvalidateClaws();
  return useMutation({
    mutationFn: (request: TemplateRequest) =>
      id ? api.put<ClawTemplate>(`/claw/task-templates/${id}`, request) : api.post<ClawTemplate>('/claw/task-templates', request),
    meta: { fieldErrorsInline: true },
    onSuccess: invalidate,
  });
}

export function useDeleteTemplate() {
  const invalidate = useInvalidateClaws();
  return useMutation({ mutationFn: (id: string) => api.delete(`/claw/task-templates/${id}`), onSuccess: invalidate });
}

export function useSaveSchedule(id: string | undefined) {
  const invalidate = useInvalidateClaws();
  return useMutation({
    mutationFn: (request: ScheduleRequest) =>
      id ? api.put<Schedule>(`/claw/schedules/${id}`, request) : api.post<Schedule>('/claw/schedules', request),
    meta: { fieldErrorsInline: true },
    onSuccess: invalidate,
  });
}

export function useScheduleAction() {
  const invalidate = useInvalidateClaws();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'pause' | 'resume' }) => api.post<Schedule>(`/claw/schedules/${id}/${action}`),
    onSuccess: invalidate,
  });
}

export function useDeleteSchedule() {
  const invalidate = useInvalidateClaws();
  return useMutation({ mutationFn: (id: string) => api.delete(`/claw/schedules/${id}`), onSuccess: invalidate });
}

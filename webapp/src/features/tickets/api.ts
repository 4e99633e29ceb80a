import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  ArchivedFilter,
  BulkResult,
  LifecycleStatus,
  Page,
  Severity,
  Ticket,
  TicketStats,
  UpdateTicketRequest,
  WorkflowPhase,
} from '../../api/types';

export interface TicketListParams {
  projectSlug: string;
  statuses?: LifecycleStatus[];
  workflowPhases?: WorkflowPhase[];
  severity?: Severity[];
  archived?: ArchivedFilter;
  search?: string;
  limit: number;
  offset: number;
}

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: ['tickets', 'list'] as const,
  list: (params: TicketListParams) => ['tickets', 'list', params] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  stats: (projectId: string) => ['tickets', 'stats', projectId] as const,
};

export function useTickets(params: TicketListParams) {
  return useQuery({
    queryKey: ticketKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<Page<Ticket>>(
        '/tickets',
        {
          projectSlug: params.projectSlug,
          statuses: params.statuses,
          workflowPhases: params.workflowPhases,
          severity: params.severity,
          archived: params.archived,
          search: params.search?.trim(),
          limit: params.limit,
          offset: params.offset,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: string | undefined) {
  return useQuery({
    queryKey: ticketKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Ticket>(`/tickets/${id}`, {}, signal),
    enabled: !!id,
  });
}

export function useTicketStats(projectId: string | undefined) {
  return useQuery({
    queryKey: ticketKeys.stats(projectId ?? ''),
    queryFn: ({ signal }) => api.get<TicketStats>('/tickets/stats', { projectId }, signal),
    enabled: !!projectId,
  });
}

export interface NewTicket {
  projectId: string;
  title: string;
  description: string;
  severity: Severity;
  category: string;
  workflowPhase: WorkflowPhase;
  workflowOverrideReason?: string;
  screenshot?: File | null;
  recording?: File | null;
}

/** The multipart body `POST /api/tickets` takes: text fields, JSON-string fields and the two files. */
export function ticketForm(ticket: NewTicket, now: Date = new Date()): FormData {
  const form = new FormData();
  form.set('projectId', ticket.projectId);
  form.set('title', ticket.title);
  form.set('description', ticket.description);
  form.set('severity', ticket.severity);
  form.set('category', ticket.category);
  form.set('workflowPhase', ticket.workflowPhase);
  form.set('autoFixRequested', 'false');
  if (ticket.workflowPhase !== 'research' && ticket.workflowOverrideReason) {
    form.set('workflowOverrideReason', ticket.workflowOverrideReason);
  }
  form.set(
    'metadata',
    JSON.stringify({
      source: 'dashboard',
      reportedAt: now.toISOString(),
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }),
  );
  if (ticket.screenshot) {
    form.set('screenshot', ticket.screenshot, ticket.screenshot.name);
  }
  if (ticket.recording) {
    form.set('recording', ticket.recording, ticket.recording.name);
  }
  return form;
}

export function useCreateTicket() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ticket: NewTicket) => api.postForm<Ticket>('/tickets', ticketForm(ticket)),
    meta: { fieldErrorsInline: true },
    onSuccess: (ticket) => {
      client.setQueryData(ticketKeys.detail(ticket.id), ticket);
      return client.invalidateQueries({ queryKey: ticketKeys.all, refetchType: 'active' });
    },
  });
}

function useTicketChanged() {
  const client = useQueryClient();
  return (ticket: Ticket) => {
    client.setQueryData(ticketKeys.detail(ticket.id), ticket);
    return Promise.all([
      client.invalidateQueries({ queryKey: ticketKeys.lists }),
      client.invalidateQueries({ queryKey: ['tickets', 'stats'] }),
    ]);
  };
}

export function useUpdateTicket(id: string) {
  const changed = useTicketChanged();
  return useMutation({
    mutationFn: (request: UpdateTicketRequest) => api.put<Ticket>(`/tickets/${id}`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: changed,
  });
}

/** Sets the lifecycle status, showing it at once and rolling back if the platform refuses. */
export function useSetTicketStatus(id: string) {
  const client = useQueryClient();
  const changed = useTicketChanged();
  return useMutation({
    mutationFn: (status: LifecycleStatus) => api.post<Ticket>(`/tickets/${id}/set-status`, { status }),
    onMutate: async (status) => {
      await client.cancelQueries({ queryKey: ticketKeys.detail(id) });
      const previous = client.getQueryData<Ticket>(ticketKeys.detail(id));
      if (previous) {
        client.setQueryData<Ticket>(ticketKeys.detail(id), { ...previous, status });
      }
      return { previous };
    },
    onError: (_error, _status, context) => {
      if (context?.previous) {
        client.setQueryData(ticketKeys.detail(id), context.previous);
      }
    },
    onSuccess: changed,
  });
}

export function useArchiveTickets() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ ids, archive }: { ids: string[]; archive: boolean }) =>
      api.post<BulkResult>(`/tickets/${archive ? 'archive' : 'unarchive'}`, { ticketIds: ids }),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

export function useDeleteTicket(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/tickets/${id}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: ticketKeys.detail(id) });
      return client.invalidateQueries({ queryKey: ticketKeys.all });
    },
  });
}

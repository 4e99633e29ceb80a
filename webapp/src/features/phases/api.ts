import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { api } from '../../api/client';
import type { Page, Run, WorkflowPhase } from '../../api/types';
import { isLive } from '../runs/api';
import { ticketKeys } from '../tickets/api';
import type {
  ApprovalEvent,
  CommentStatus,
  DocumentPhase,
  PhaseComment,
  PhaseDocument,
  PhaseRevision,
  PhaseRun,
  PhaseView,
  RevisionRequest,
  RunRequest,
  StartedRun,
  WorkflowView,
} from './types';

export const phaseKeys = {
  all: (ticketId: string) => ['phases', ticketId] as const,
  phase: (ticketId: string, phase: DocumentPhase) => ['phases', ticketId, phase, 'view'] as const,
  revisions: (ticketId: string, phase: DocumentPhase) => ['phases', ticketId, phase, 'revisions'] as const,
  comments: (ticketId: string, phase: DocumentPhase) => ['phases', ticketId, phase, 'comments'] as const,
  runs: (ticketId: string, phase: DocumentPhase) => ['phases', ticketId, phase, 'runs'] as const,
  approvals: (ticketId: string, phase: DocumentPhase) => ['phases', ticketId, phase, 'approvals'] as const,
  executionRuns: (ticketId: string) => ['phases', ticketId, 'execution', 'runs'] as const,
};

const base = (ticketId: string, phase: DocumentPhase) => `/tickets/${ticketId}/phases/${phase}`;

/** The phase's document and newest run; polled every 3 s while that run is queued or running. */
export function usePhase(ticketId: string, phase: DocumentPhase) {
  return useQuery({
    queryKey: phaseKeys.phase(ticketId, phase),
    queryFn: ({ signal }) => api.get<PhaseView>(base(ticketId, phase), {}, signal),
    refetchInterval: (query) => {
      const run = query.state.data?.latestRun;
      return run && isLive(run.status) ? 3_000 : false;
    },
  });
}

export function useRevisions(ticketId: string, phase: DocumentPhase, enabled = true) {
  return useQuery({
    queryKey: phaseKeys.revisions(ticketId, phase),
    queryFn: ({ signal }) => api.get<PhaseRevision[]>(`${base(ticketId, phase)}/revisions`, {}, signal),
    enabled,
  });
}

export function useComments(ticketId: string, phase: DocumentPhase) {
  return useQuery({
    queryKey: phaseKeys.comments(ticketId, phase),
    queryFn: ({ signal }) => api.get<PhaseComment[]>(`${base(ticketId, phase)}/comments`, {}, signal),
  });
}

export function usePhaseRuns(ticketId: string, phase: DocumentPhase, enabled = true) {
  return useQuery({
    queryKey: phaseKeys.runs(ticketId, phase),
    queryFn: ({ signal }) => api.get<PhaseRun[]>(`${base(ticketId, phase)}/runs`, { limit: 20 }, signal),
    enabled,
    refetchInterval: (query) => (query.state.data?.some((run) => isLive(run.status)) ? 3_000 : false),
  });
}

export function useApprovals(ticketId: string, phase: DocumentPhase, enabled = true) {
  return useQuery({
    queryKey: phaseKeys.approvals(ticketId, phase),
    queryFn: ({ signal }) => api.get<ApprovalEvent[]>(`${base(ticketId, phase)}/approvals`, {}, signal),
    enabled,
  });
}

/** The ticket's execution runs, newest first; polled every 3 s while one is queued or running. */
export function useExecutionRuns(ticketId: string) {
  return useQuery({
    queryKey: phaseKeys.executionRuns(ticketId),
    queryFn: ({ signal }) => api.get<Page<Run>>('/jobs', { ticketId, kind: 'execution', limit: 20 }, signal),
    refetchInterval: (query) => (query.state.data?.data.some((run) => isLive(run.status)) ? 3_000 : false),
  });
}

/** After anything that changes a ticket's phases: its phases, its status and the lists that show it. */
function useRefreshTicket(ticketId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: phaseKeys.all(ticketId) }),
      client.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }),
      client.invalidateQueries({ queryKey: ticketKeys.lists }),
      client.invalidateQueries({ queryKey: ['runs'] }),
    ]);
}

export interface StartRun {
  phase: WorkflowPhase;
  request: RunRequest;
}

/** Starts a research, planning or execution run (202 with the queued job). */
export function useStartRun(ticketId: string) {
  const refresh = useRefreshTicket(ticketId);
  return useMutation({
    mutationFn: ({ phase, request }: StartRun) =>
      api.post<StartedRun>(phase === 'execution' ? `/tickets/${ticketId}/run` : `${base(ticketId, phase)}/run`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: refresh,
  });
}

/** Asks the agent to rewrite the document from a message and the open line comments. */
export function useRequestRevision(ticketId: string, phase: DocumentPhase) {
  const refresh = useRefreshTicket(ticketId);
  return useMutation({
    mutationFn: (request: RevisionRequest) => api.post<StartedRun>(`${base(ticketId, phase)}/revision`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: refresh,
  });
}

export function useEditDocument(ticketId: string, phase: DocumentPhase) {
  const client = useQueryClient();
  const refresh = useRefreshTicket(ticketId);
  return useMutation({
    mutationFn: (content: string) => api.put<PhaseDocument>(`${base(ticketId, phase)}/document`, { content }),
    meta: { fieldErrorsInline: true },
    onSuccess: (document) => {
      client.setQueryData<PhaseView>(phaseKeys.phase(ticketId, phase), (view) => (view ? { ...view, document } : view));
      // not awaited: an approval moves the ticket on, and the refreshed ticket can unmount the panel that asked
      // (its own onSuccess, the confirmation toast, would then never run)
      void refresh();
    },
  });
}

export type ApprovalAction = 'request-approval' | 'approve' | 'revoke-approval';

const APPROVAL_DONE: Record<ApprovalAction, Record<DocumentPhase, string>> = {
  'request-approval': { research: 'Approval requested', planning: 'Approval requested' },
  approve: { research: 'Research approved: on to planning', planning: 'Plan approved: ready to execute' },
  'revoke-approval': { research: 'Approval withdrawn', planning: 'Approval withdrawn' },
};

/**
 * Request approval, approve (the ticket moves to the next phase) or revoke. The confirmation is shown here rather than
 * by the caller: approving moves the page on to the next phase, which unmounts the panel that asked.
 */
export function useApprovalAction(ticketId: string, phase: DocumentPhase) {
  const client = useQueryClient();
  const refresh = useRefreshTicket(ticketId);
  return useMutation({
    mutationFn: (action: ApprovalAction) => api.post<PhaseDocument>(`${base(ticketId, phase)}/${action}`),
    onSuccess: (document, action) => {
      toast.success(APPROVAL_DONE[action][phase]);
      client.setQueryData<PhaseView>(phaseKeys.phase(ticketId, phase), (view) => (view ? { ...view, document } : view));
      // not awaited: an approval moves the ticket on, and the refreshed ticket can unmount the panel that asked
      // (its own onSuccess, the confirmation toast, would then never run)
      void refresh();
    },
  });
}

/** Sends the document back with a reason; it stays rejected until a new revision puts it up for review again. */
export function useRejectDocument(ticketId: string, phase: DocumentPhase) {
  const client = useQueryClient();
  const refresh = useRefreshTicket(ticketId);
  return useMutation({
    mutationFn: (reason: string) =>
      api.post<PhaseDocument>(`${base(ticketId, phase)}/reject`, reason.trim() ? { reason: reason.trim() } : {}),
    meta: { fieldErrorsInline: true },
    onSuccess: (document) => {
      toast.success(phase === 'research' ? 'Research sent back' : 'Plan sent back');
      client.setQueryData<PhaseView>(phaseKeys.phase(ticketId, phase), (view) => (view ? { ...view, document } : view));
      void refresh();
    },
  });
}

export function useAddComment(ticketId: string, phase: DocumentPhase) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (comment: { lineNumber: number; content: string; suggestion?: string }) =>
      api.post<PhaseComment>(`${base(ticketId, phase)}/comments`, comment),
    meta: { fieldErrorsInline: true },
    onSuccess: (comment) => {
      client.setQueryData<PhaseComment[]>(phaseKeys.comments(ticketId, phase), (list) => [...(list ?? []), comment]);
      return client.invalidateQueries({ queryKey: phaseKeys.comments(ticketId, phase) });
    },
  });
}

/** Resolves or reopens a comment, showing the new state at once and rolling back if the platform refuses. */
export function useSetCommentStatus(ticketId: string, phase: DocumentPhase) {
  const client = useQueryClient();
  const key = phaseKeys.comments(ticketId, phase);
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: CommentStatus }) =>
      api.put<PhaseComment>(`${base(ticketId, phase)}/comments/${id}`, { status }),
    onMutate: async ({ id, status }) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<PhaseComment[]>(key);
      client.setQueryData<PhaseComment[]>(key, (list) => list?.map((c) => (c.id === id ? { ...c, status } : c)));
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous) {
        client.setQueryData(key, context.previous);
      }
    },
    onSuccess: (comment) =>
      client.setQueryData<PhaseComment[]>(key, (list) => list?.map((c) => (c.id === comment.id ? comment : c))),
  });
}

export function useAdvance(ticketId: string) {
  const refresh = useRefreshTicket(ticketId);
  return useMutation({
    mutationFn: (phase: WorkflowPhase) => api.post<WorkflowView>(`/tickets/${ticketId}/phases/${phase}/advance`),
    onSuccess: (_view, phase) => {
      toast.success(`Moved to ${phase}`);
      return refresh();
    },
  });
}

export function useOverrideToExecution(ticketId: string) {
  const refresh = useRefreshTicket(ticketId);
  return useMutation({
    mutationFn: (reason: string) =>
      api.post<WorkflowView>(`/tickets/${ticketId}/workflow/override-to-execution`, { reason }),
    meta: { fieldErrorsInline: true },
    onSuccess: refresh,
  });
}

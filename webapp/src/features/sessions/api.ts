import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas, WithRequired } from '../../api/schema';

export type SessionMode = 'research' | 'planning' | 'execution';
export type SessionStatus = NonNullable<Schemas['SessionView']['status']>;
export type SessionSummary = WithRequired<Schemas['Listed'], 'id' | 'ticketId' | 'mode' | 'status' | 'title'>;
export type SessionView = WithRequired<Schemas['SessionView'], 'id' | 'mode' | 'status' | 'title'>;
export type Turn = Schemas['AgentTurn'];
export type PendingRequest = WithRequired<Schemas['PendingRequest'], 'id' | 'requestType' | 'promptMarkdown'>;

/** One entry of a session's timeline, as the event stream sends it (presence frames are `ephemeral`). */
export interface TimelineEvent {
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
  userName?: string | null;
  createdAt?: string;
  ephemeral?: boolean;
}

export interface SessionDetail {
  session: SessionView;
  turns: Turn[];
  latestEvents: TimelineEvent[];
  pendingRequest: PendingRequest | null;
}

export interface PermissionOption {
  optionId: string;
  name: string;
  kind: string;
}

export const LIVE: SessionStatus[] = ['active', 'waiting_on_user', 'waiting_on_approval'];

export const sessionKeys = {
  all: ['sessions'] as const,
  forTicket: (ticketId: string) => ['sessions', 'ticket', ticketId] as const,
  detail: (id: string) => ['sessions', 'detail', id] as const,
};

/** The ticket's sessions, newest activity first (live and ended). */
export function useTicketSessions(ticketId: string) {
  return useQuery({
    queryKey: sessionKeys.forTicket(ticketId),
    queryFn: ({ signal }) =>
      api.get<SessionSummary[]>(
        '/agent-sessions',
        {
          ticketId,
          statuses: ['active', 'waiting_on_user', 'waiting_on_approval', 'completed', 'failed', 'cancelled'],
          limit: 20,
        },
        signal,
      ),
  });
}

export function useSession(id: string | undefined) {
  return useQuery({
    queryKey: sessionKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<SessionDetail>(`/agent-sessions/${id}`, {}, signal),
    enabled: !!id,
  });
}

export function useLaunchSession(ticketId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { mode: SessionMode; clankerId: string; message: string }) =>
      api.post<SessionDetail>(`/tickets/${ticketId}/agent-sessions`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

export type SessionAction =
  | { kind: 'message'; body: { messageText: string } }
  | { kind: 'reply'; body: { replyText: string } }
  | { kind: 'approve'; body: { approved: boolean; optionId?: string } }
  | { kind: 'cancel'; body: Record<string, never> };

export function useSessionAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: SessionAction) => api.post<unknown>(`/agent-sessions/${id}/${action.kind}`, action.body),
    onSuccess: () => client.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

/** The options of an open permission request (from its request JSON). */
export function permissionOptions(request: PendingRequest | null | undefined): PermissionOption[] {
  const options = (request?.requestJson as { options?: unknown } | undefined)?.options;
  return Array.isArray(options) ? (options as PermissionOption[]) : [];
}

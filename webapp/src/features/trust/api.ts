import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas, WithRequired } from '../../api/schema';
import { ticketKeys } from '../tickets/api';

export type TicketAuthor = WithRequired<
  Schemas['TicketAuthor'],
  'ticketId' | 'provider' | 'trusted' | 'reason' | 'state'
>;
export type Hold = WithRequired<Schemas['Hold'], 'id' | 'ticketId' | 'kind' | 'provider' | 'reason' | 'state' | 'createdAt'>;
export type TicketTrust = { author: TicketAuthor; awaitingApproval: boolean; holds: Hold[] };
export type TrustSettings = WithRequired<Schemas['TrustSettings'], 'projectId' | 'trustedIdentities' | 'trustRepositoryMembers'>;

export const trustKeys = {
  ticket: (ticketId: string) => ['tickets', 'trust', ticketId] as const,
  project: (projectId: string) => ['projects', projectId, 'trust'] as const,
};

/** `provider:id` with a provider the platform knows; ids have no blanks (the platform checks the same). */
export const IDENTITY = /^(github|gitlab|jira|shortcut|custom):\S{1,255}$/i;

/** How an outside author is named: `github:octocat`. */
export function authorLabel(author: { provider: string; identity?: string | null }): string {
  return author.identity ? `${author.provider}:${author.identity}` : `an unnamed ${author.provider} author`;
}

export function useTicketTrust(ticketId: string, enabled = true) {
  return useQuery({
    queryKey: trustKeys.ticket(ticketId),
    queryFn: ({ signal }) => api.get<TicketTrust>(`/tickets/${ticketId}/trust`, undefined, signal),
    enabled,
  });
}

/**
 * The project's trust rules. Only approvers (and admins) may read them, so a successful read also tells the page that
 * the signed-in user may decide on untrusted authors.
 */
export function useProjectTrust(projectId: string) {
  return useQuery({
    queryKey: trustKeys.project(projectId),
    queryFn: ({ signal }) => api.get<TrustSettings>(`/projects/${projectId}/trust`, undefined, signal),
    retry: false,
  });
}

export function useSaveProjectTrust(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: { trustedIdentities: string[]; trustRepositoryMembers: boolean }) =>
      api.put<TrustSettings>(`/projects/${projectId}/trust`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: (saved) => client.setQueryData(trustKeys.project(projectId), saved),
  });
}

type Decision =
  | { kind: 'approve'; comment?: string; holdId?: string }
  | { kind: 'reject'; reason: string; holdId?: string };

/** Approves or rejects the ticket's author, or one held run; the ticket and its runs are read again. */
export function useTrustDecision(ticketId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (decision: Decision) => {
      const base = decision.holdId ? `/tickets/${ticketId}/trust/holds/${decision.holdId}` : `/tickets/${ticketId}/trust`;
      return decision.kind === 'approve'
        ? api.post<TicketTrust>(`${base}/approve`, { comment: decision.comment })
        : api.post<TicketTrust>(`${base}/reject`, { reason: decision.reason });
    },
    onSuccess: (view) => {
      client.setQueryData(trustKeys.ticket(ticketId), view);
      void client.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) });
      void client.invalidateQueries({ queryKey: ['runs'] });
    },
  });
}

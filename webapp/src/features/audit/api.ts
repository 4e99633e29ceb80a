import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas, WithRequired } from '../../api/schema';

export type AuditEvent = WithRequired<Schemas['AuditEvent'], 'id' | 'seq' | 'action' | 'occurredAt' | 'hash'>;
export type AuditPage = { events: AuditEvent[]; nextBeforeSeq?: number };
export type Verification = WithRequired<Schemas['Verification'], 'valid' | 'checked'>;

export const auditKeys = { list: (action: string) => ['audit', 'list', action] as const };

/** The audit log, newest first, a page at a time (cursor: the lowest sequence number seen). */
export function useAuditLog(action: string) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(action),
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>('/admin/audit', { action: action || undefined, beforeSeq: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
  });
}

/** Walks the hash chain on the platform and reports the first event changed, removed or reordered. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.post<Verification>('/admin/audit/verify') });
}

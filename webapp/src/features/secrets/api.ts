import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas, WithRequired } from '../../api/schema';
import type { Page } from '../../api/types';

export type Secret = WithRequired<Schemas['SecretView'], 'id' | 'name' | 'storage' | 'createdAt' | 'updatedAt'>;
export type SecretStorage = Secret['storage'];
export type SecretRequest = Schemas['SecretRequest'];

export const SECRET_STORAGES = ['database', 'env', 'ssm'] as const satisfies readonly SecretStorage[];

/** `null` scope = the platform-wide secrets; a project id = that project's own. */
export type SecretScope = string | null;

export const secretKeys = {
  all: ['secrets'] as const,
  list: (scope: SecretScope) => ['secrets', 'list', scope ?? 'global'] as const,
};

export function useSecrets(scope: SecretScope = null, includeGlobal = false) {
  return useQuery({
    queryKey: [...secretKeys.list(scope), includeGlobal] as const,
    queryFn: ({ signal }) =>
      api.get<Page<Secret>>('/secrets', { projectId: scope ?? undefined, includeGlobal: scope && includeGlobal ? true : undefined, limit: 200 }, signal),
  });
}

export function useCreateSecret() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: SecretRequest) => api.post<Secret>('/secrets', request),
    meta: { fieldErrorsInline: true },
    onSuccess: () => client.invalidateQueries({ queryKey: secretKeys.all }),
  });
}

/** Rotates the value (write-only) or moves the secret to another storage. */
export function useUpdateSecret(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: SecretRequest) => api.put<Secret>(`/secrets/${id}`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: () => client.invalidateQueries({ queryKey: secretKeys.all }),
  });
}

export function useDeleteSecret() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/secrets/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: secretKeys.all }),
  });
}

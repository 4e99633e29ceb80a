import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas, WithRequired } from '../../api/schema';

export type ApiToken = WithRequired<Schemas['TokenView'], 'id' | 'name' | 'tokenPrefix' | 'scope' | 'createdAt'>;
export type TokenScope = ApiToken['scope'];
export type CreateTokenRequest = Schemas['CreateToken'];
/** The create answer: the only one that ever carries the token itself. */
export type CreatedToken = ApiToken & { token: string };

export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const satisfies readonly TokenScope[];

export const tokenKeys = { all: ['api-tokens'] as const };

export function useApiTokens() {
  return useQuery({
    queryKey: tokenKeys.all,
    queryFn: ({ signal }) => api.get<ApiToken[]>('/api-tokens', undefined, signal),
  });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateTokenRequest) => api.post<CreatedToken>('/api-tokens', request),
    meta: { fieldErrorsInline: true },
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api-tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas, WithRequired } from '../../api/schema';

export type SetupStatus = WithRequired<Schemas['SetupStatus'], 'requiresInitialUser' | 'authEnabled'>;
export type CurrentUser = WithRequired<Schemas['UserView'], 'email' | 'name' | 'role'>;
export type Me = Omit<WithRequired<Schemas['Me'], 'authenticatedBy'>, 'user'> & { user: CurrentUser };
export type LoginRequest = Schemas['Login'];
export type SetupRequest = Schemas['Setup'];

export const authKeys = {
  setupStatus: ['auth', 'setup-status'] as const,
  me: ['auth', 'me'] as const,
};

export function useSetupStatus() {
  return useQuery({
    queryKey: authKeys.setupStatus,
    queryFn: ({ signal }) => api.get<SetupStatus>('/auth/setup-status', undefined, signal),
    staleTime: Infinity,
  });
}

/** The signed-in user; a 401 means nobody is (the query's error, not a retry). */
export function useMe(enabled = true) {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: ({ signal }) => api.get<Me>('/auth/me', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

/** After signing in or out, everything cached belonged to someone else. */
function useResetAfter() {
  const client = useQueryClient();
  return () => client.resetQueries();
}

export function useLogin() {
  const reset = useResetAfter();
  return useMutation({
    mutationFn: (request: LoginRequest) => api.post<unknown>('/auth/login', request),
    meta: { fieldErrorsInline: true },
    onSuccess: reset,
  });
}

export function useSetup() {
  const reset = useResetAfter();
  return useMutation({
    mutationFn: (request: SetupRequest) => api.post<unknown>('/auth/setup', request),
    meta: { fieldErrorsInline: true },
    onSuccess: reset,
  });
}

export function useLogout() {
  const reset = useResetAfter();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSuccess: reset,
  });
}

export type LinkDetails = WithRequired<Schemas['LinkDetails'], 'kind' | 'email' | 'name' | 'expiresAt'>;

/** Who an invite or reset link is for; the token goes in the body, never the URL the platform logs. */
export function useLinkDetails(token: string | undefined) {
  return useQuery({
    queryKey: ['auth', 'link', token],
    queryFn: () => api.post<LinkDetails>('/auth/links/inspect', { token }),
    enabled: !!token,
    retry: false,
    staleTime: Infinity,
  });
}

/** Sets the password with the link and signs in (the platform sets the session cookie). */
export function useRedeemLink() {
  const reset = useResetAfter();
  return useMutation({
    mutationFn: (request: Schemas['Redeem']) => api.post<unknown>('/auth/links/redeem', request),
    meta: { fieldErrorsInline: true },
    onSuccess: reset,
  });
}

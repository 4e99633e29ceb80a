import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas, WithRequired } from '../../api/schema';
import type { Page } from '../../api/types';

export type User = WithRequired<Schemas['UserView'], 'id' | 'email' | 'name' | 'role' | 'active' | 'createdAt'>;
export type GlobalRole = User['role'];
export type CreateUserRequest = Schemas['CreateUser'];

export const GLOBAL_ROLES = ['admin', 'member'] as const satisfies readonly GlobalRole[];

export const userKeys = {
  all: ['users'] as const,
  list: ['users', 'list'] as const,
};

export function useUsers() {
  return useQuery({
    queryKey: userKeys.list,
    queryFn: ({ signal }) => api.get<Page<User>>('/users', { limit: 200 }, signal),
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateUserRequest) => api.post<User>('/users', request),
    meta: { fieldErrorsInline: true },
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Changes a user's global role; the platform refuses to demote the last active administrator (409 LAST_ADMIN). */
export function useSetUserRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: GlobalRole }) => api.patch<User>(`/users/${id}/role`, { role }),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Deactivates (sign-in, sessions and tokens stop working) or reactivates a user. */
export function useSetUserActive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.post<User>(`/users/${id}/${active ? 'reactivate' : 'deactivate'}`),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}


export type IssuedLink = WithRequired<Schemas['IssuedLink'], 'kind' | 'url' | 'expiresAt'>;
export type InviteUserRequest = Schemas['InviteUser'];
/** The invite route answers the new user and their link (typed here: the route returns a bare 201 response). */
export interface Invitation {
  user: User;
  link: IssuedLink;
}

/** Creates a user without a password; the answer carries the one-time link that lets them choose one. */
export function useInviteUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: InviteUserRequest) => api.post<Invitation>('/users/invites', request),
    meta: { fieldErrorsInline: true },
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** A fresh password reset link (an invite again for someone who never set a password); older links stop working. */
export function useIssueResetLink() {
  return useMutation({
    mutationFn: (id: string) => api.post<IssuedLink>(`/users/${id}/password-reset-link`),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Schemas, WithRequired } from '../../../api/schema';

export type Member = WithRequired<Schemas['Member'], 'userId' | 'projectId' | 'email' | 'name' | 'role'>;
export type ProjectRole = Member['role'];
export type PromptTemplate = WithRequired<
  Schemas['PromptTemplateEntry'],
  'type' | 'label' | 'systemDefault' | 'effectiveTemplate' | 'isDefault' | 'variables'
>;

export const PROJECT_ROLES = ['viewer', 'member', 'approver', 'admin'] as const satisfies readonly ProjectRole[];

export const memberKeys = {
  members: (projectId: string) => ['projects', projectId, 'members'] as const,
  prompts: (projectId: string) => ['projects', projectId, 'prompt-templates'] as const,
};

export function useMembers(projectId: string) {
  return useQuery({
    queryKey: memberKeys.members(projectId),
    queryFn: ({ signal }) => api.get<Member[]>(`/projects/${projectId}/members`, undefined, signal),
  });
}

export function useAddMember(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: { email: string; role: ProjectRole }) => api.post<Member>(`/projects/${projectId}/members`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: () => client.invalidateQueries({ queryKey: memberKeys.members(projectId) }),
  });
}

/** Sets a member's role; the list shows the new role at once and rolls back if the platform refuses. */
export function useSetMemberRole(projectId: string) {
  const client = useQueryClient();
  const key = memberKeys.members(projectId);
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: ProjectRole }) =>
      api.put<Member>(`/projects/${projectId}/members/${userId}`, { role } satisfies Schemas['MemberRoleRequest']),
    onMutate: async ({ userId, role }) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Member[]>(key);
      client.setQueryData<Member[]>(key, (members) =>
        members?.map((member) => (member.userId === userId ? { ...member, role } : member)),
      );
      return { previous };
    },
    onError: (_error, _variables, context) => client.setQueryData(key, context?.previous),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useRemoveMember(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/projects/${projectId}/members/${userId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: memberKeys.members(projectId) }),
  });
}

export function usePromptTemplates(projectId: string) {
  return useQuery({
    queryKey: memberKeys.prompts(projectId),
    queryFn: ({ signal }) => api.get<PromptTemplate[]>(`/projects/${projectId}/prompt-templates`, undefined, signal),
  });
}

export function useSavePromptOverride(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ type, template }: { type: string; template: string }) =>
      api.put<PromptTemplate>(`/projects/${projectId}/prompt-templates/${type}`, { template }),
    meta: { fieldErrorsInline: true },
    onSuccess: () => client.invalidateQueries({ queryKey: memberKeys.prompts(projectId) }),
  });
}

export function useResetPromptOverride(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (type: string) => api.delete(`/projects/${projectId}/prompt-templates/${type}`),
    onSuccess: () => client.invalidateQueries({ queryKey: memberKeys.prompts(projectId) }),
  });
}

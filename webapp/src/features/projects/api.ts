import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type {
  ArchivedFilter,
  CreateProjectRequest,
  DeletionSummary,
  Page,
  Project,
  Readiness,
  ScmConfig,
  ScmConfigRequest,
  UpdateProjectRequest,
} from '../../api/types';

export const projectKeys = {
  all: ['projects'] as const,
  list: (archived: ArchivedFilter) => ['projects', 'list', archived] as const,
  bySlug: (slug: string) => ['projects', 'slug', slug] as const,
  readiness: (id: string) => ['projects', id, 'readiness'] as const,
  scm: (id: string) => ['projects', id, 'scm-config'] as const,
  deletionSummary: (id: string) => ['projects', id, 'deletion-summary'] as const,
};

export function useProjects(archived: ArchivedFilter = 'exclude') {
  return useQuery({
    queryKey: projectKeys.list(archived),
    queryFn: ({ signal }) => api.get<Page<Project>>('/projects', { archived, limit: 200 }, signal),
  });
}

export function useProject(slug: string | undefined) {
  return useQuery({
    queryKey: projectKeys.bySlug(slug ?? ''),
    queryFn: ({ signal }) => api.get<Project>(`/projects/by-slug/${encodeURIComponent(slug ?? '')}`, {}, signal),
    enabled: !!slug,
  });
}

export function useReadiness(projectId: string | undefined) {
  return useQuery({
    queryKey: projectKeys.readiness(projectId ?? ''),
    queryFn: ({ signal }) => api.get<Readiness>(`/projects/${projectId}/readiness`, {}, signal),
    enabled: !!projectId,
  });
}

/** The SCM configuration, or `null` when none is saved (the API answers 404). */
export function useScmConfig(projectId: string | undefined) {
  return useQuery({
    queryKey: projectKeys.scm(projectId ?? ''),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<ScmConfig>(`/projects/${projectId}/scm-config`, {}, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          return null;
        }
        throw error;
      }
    },
    enabled: !!projectId,
  });
}

export function useDeletionSummary(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: projectKeys.deletionSummary(projectId),
    queryFn: ({ signal }) => api.get<DeletionSummary>(`/projects/${projectId}/deletion-summary`, {}, signal),
    enabled,
  });
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateProjectRequest) => api.post<Project>('/projects', request),
    meta: { fieldErrorsInline: true },
    onSuccess: (project) => {
      client.setQueryData(projectKeys.bySlug(project.slug), project);
      return client.invalidateQueries({ queryKey: projectKeys.all });
    },
  });
}

/** Writes a project the server returned into the caches that hold it (its slug may have changed on rename). */
function useStoreProject() {
  const client = useQueryClient();
  return (project: Project) => {
    client.setQueryData(projectKeys.bySlug(project.slug), project);
    return client.invalidateQueries({ queryKey: ['projects', 'list'] });
  };
}

export function useUpdateProject(projectId: string) {
  const store = useStoreProject();
  return useMutation({
    mutationFn: (request: UpdateProjectRequest) => api.put<Project>(`/projects/${projectId}`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: store,
  });
}

export function useArchiveProject(projectId: string) {
  const store = useStoreProject();
  return useMutation({
    mutationFn: (archive: boolean) =>
      api.post<Project>(`/projects/${projectId}/${archive ? 'archive' : 'unarchive'}`),
    onSuccess: store,
  });
}

export function useDeleteProject(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/projects/${projectId}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: ['projects', projectId] });
      return client.invalidateQueries({ queryKey: projectKeys.all });
    },
  });
}

function useScmSaved(projectId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: projectKeys.readiness(projectId) });
}

export function useSaveScmConfig(projectId: string) {
  const client = useQueryClient();
  const saved = useScmSaved(projectId);
  return useMutation({
    mutationFn: (request: ScmConfigRequest) => api.put<ScmConfig>(`/projects/${projectId}/scm-config`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: (config) => {
      client.setQueryData(projectKeys.scm(projectId), config);
      return saved();
    },
  });
}

export function useDeleteScmConfig(projectId: string) {
  const client = useQueryClient();
  const saved = useScmSaved(projectId);
  return useMutation({
    mutationFn: () => api.delete(`/projects/${projectId}/scm-config`),
    onSuccess: () => {
      client.setQueryData(projectKeys.scm(projectId), null);
      return saved();
    },
  });
}

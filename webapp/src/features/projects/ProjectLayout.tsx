import { Outlet, useOutletContext, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { Project } from '../../api/types';
import { ButtonLink } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { useProject } from './api';

interface ProjectContext {
  project: Project;
}

/** Loads the project named in the URL once for every page under `/projects/:slug`. */
export function ProjectLayout() {
  const { slug } = useParams();
  const project = useProject(slug);
  if (project.isPending) {
    return (
      <div className="space-y-4" role="status" aria-label="Loading project">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-4 w-96" />
        <Skeleton className="mt-8 h-48 w-full" />
      </div>
    );
  }
  if (project.isError) {
    if (project.error instanceof ApiError && project.error.status === 404) {
      return (
        <Card className="mx-auto max-w-2xl">
          <EmptyState
            title="Project not found"
            description={`No project has the address “${slug}”. It may have been renamed or deleted.`}
            action={<ButtonLink to="/">All projects</ButtonLink>}
          />
        </Card>
      );
    }
    return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;
  }
  return <Outlet context={{ project: project.data } satisfies ProjectContext} />;
}

export function useCurrentProject(): Project {
  return useOutletContext<ProjectContext>().project;
}

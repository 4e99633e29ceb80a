import { Link, useSearchParams } from 'react-router';
import type { Project } from '../../api/types';
import { ProjectAvatar } from '../../app/Sidebar';
import { Badge } from '../../components/ui/Badge';
import { ButtonLink } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { FolderIcon, PlusIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { Segmented } from '../../components/ui/Segmented';
import { relativeTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { useProjects } from './api';

export function ProjectsPage() {
  useTitle('Projects');
  const [params, setParams] = useSearchParams();
  const archived = params.get('tab') === 'archived';
  const projects = useProjects(archived ? 'only' : 'exclude');
  const newProject = (
    <ButtonLink to="/projects/new">
      <PlusIcon /> New project
    </ButtonLink>
  );
  return (
    <>
      <PageHeader
        title="Projects"
        description="Each project links a repository to the tickets that agents turn into pull requests."
        actions={newProject}
      />
      <div className="mb-5">
        <Segmented
          label="Show"
          value={archived ? 'archived' : 'active'}
          options={[
            { value: 'active', label: 'Active' },
            { value: 'archived', label: 'Archived' },
          ]}
          onChange={(value) => setParams(value === 'archived' ? { tab: 'archived' } : {}, { replace: true })}
        />
      </div>
      {projects.isPending ? (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {[0, 1, 2].map((key) => (
            <Skeleton key={key} className="h-36" />
          ))}
        </div>
      ) : projects.isError ? (
        <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
      ) : projects.data.data.length === 0 ? (
        <Card>
          <EmptyState
            icon={<FolderIcon className="size-6" />}
            title={archived ? 'No archived projects' : 'No projects yet'}
            description={
              archived
                ? 'Archived projects keep their tickets but take no new work.'
                : 'Create a project, point it at a repository, and start filing tickets.'
            }
            action={archived ? undefined : newProject}
          />
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {projects.data.data.map((project) => (
            <li key={project.id}>
              <ProjectCard project={project} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ProjectCard({ project }: { project: Project }) {
  return (
    <Link
      to={`/projects/${project.slug}`}
      className="group flex h-full flex-col rounded-xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 transition hover:shadow-md hover:ring-zinc-300 dark:bg-zinc-900 dark:ring-zinc-800 dark:hover:ring-zinc-700"
    >
      <div className="flex items-start gap-3">
        <ProjectAvatar name={project.name} size="lg" />
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold text-zinc-900 group-hover:text-brand-700 dark:text-white dark:group-hover:text-brand-400">
            {project.name}
          </h2>
          <p className="truncate font-mono text-xs text-zinc-500">{project.slug}</p>
        </div>
        {project.archived && <Badge>Archived</Badge>}
      </div>
      <p className="mt-4 line-clamp-2 flex-1 text-sm text-zinc-600 dark:text-zinc-400">
        {project.description || 'No description.'}
      </p>
      <div className="mt-4 flex items-center gap-2 text-xs text-zinc-500">
        {project.autoFixEnabled && <Badge tone="brand">Auto-fix</Badge>}
        <span className="ml-auto">Created {relativeTime(project.createdAt)}</span>
      </div>
    </Link>
  );
}

import { useState } from 'react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import type { Project } from '../../../api/types';
import { Button } from '../../../components/ui/Button';
import { Card, CardHeader } from '../../../components/ui/Card';
import { ConfirmDialog } from '../../../components/ui/Dialog';
import { Field, Input } from '../../../components/ui/Field';
import { LoadingBlock } from '../../../components/ui/States';
import { useArchiveProject, useDeleteProject, useDeletionSummary } from '../api';

export function DangerZone({ project }: { project: Project }) {
  const archive = useArchiveProject(project.id);
  const [deleting, setDeleting] = useState(false);
  return (
    <Card className="ring-red-200 dark:ring-red-900/60">
      <CardHeader title="Danger zone" />
      <div className="divide-y divide-zinc-100 dark:divide-zinc-800">
        <Row
          title={project.archived ? 'Unarchive this project' : 'Archive this project'}
          description={
            project.archived
              ? 'Bring the project back: it takes new tickets again.'
              : 'Keep its tickets and settings, but take no new tickets.'
          }
          action={
            <Button
              variant="secondary"
              loading={archive.isPending}
              onClick={() =>
                archive.mutate(!project.archived, {
                  onSuccess: (saved) => toast.success(saved.archived ? 'Project archived' : 'Project unarchived'),
                })
              }
            >
              {project.archived ? 'Unarchive' : 'Archive'}
            </Button>
          }
        />
        <Row
          title="Delete this project"
          description="Removes the project with all its tickets, media and configuration. This cannot be undone."
          action={
            <Button variant="danger" onClick={() => setDeleting(true)}>
              Delete project
            </Button>
          }
        />
      </div>
      {deleting && <DeleteDialog project={project} onClose={() => setDeleting(false)} />}
    </Card>
  );
}

function Row({ title, description, action }: { title: string; description: string; action: React.ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-6 px-5 py-4">
      <div>
        <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{title}</p>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{description}</p>
      </div>
      {action}
    </div>
  );
}

/** Shows what the deletion removes (`deletion-summary`) and asks for the project's name before deleting. */
function DeleteDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const navigate = useNavigate();
  const summary = useDeletionSummary(project.id, true);
  const remove = useDeleteProject(project.id);
  const [typed, setTyped] = useState('');
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Delete ${project.name}?`}
      description={
        summary.isPending ? (
          <LoadingBlock lines={1} />
        ) : summary.isError ? (
          <span>The deletion summary could not be loaded: {summary.error.message}</span>
        ) : (
          <span>
            This permanently deletes <strong>{summary.data.tickets}</strong>{' '}
            {summary.data.tickets === 1 ? 'ticket' : 'tickets'} and <strong>{summary.data.media}</strong> media{' '}
            {summary.data.media === 1 ? 'file' : 'files'}, with the project's configuration.
          </span>
        )
      }
      confirmLabel="Delete project"
      confirmDisabled={typed !== project.name || !summary.isSuccess}
      busy={remove.isPending}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            toast.success(`Project ${project.name} deleted`);
            navigate('/', { replace: true });
          },
        })
      }
    >
      <Field label={`Type ${project.name} to confirm`}>
        {(props) => <Input {...props} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />}
      </Field>
    </ConfirmDialog>
  );
}

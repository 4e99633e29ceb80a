import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Badge, type Tone } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { Select } from '../../components/ui/Field';
import { KeyIcon, PlusIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { RemoveDialog } from '../../components/ui/RemoveDialog';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { formatDateTime, relativeTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { useProjects } from '../projects/api';
import { useDeleteSecret, useSecrets, type Secret, type SecretStorage } from './api';
import { SecretDialog, STORAGE_LABEL } from './SecretDialog';

const STORAGE_TONE: Record<SecretStorage, Tone> = { database: 'violet', env: 'gray', ssm: 'amber' };
const th = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400';
const td = 'px-4 py-3 align-middle';

/** Secrets by scope: names, where each value lives and who uses it; values are write-only and never shown. */
export function SecretsPage() {
  useTitle('Secrets');
  const [params, setParams] = useSearchParams();
  const scope = params.get('project');
  const projects = useProjects();
  const secrets = useSecrets(scope);
  const remove = useDeleteSecret();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Secret | undefined>();
  const [deleting, setDeleting] = useState<Secret | undefined>();
  const projectList = projects.data?.data ?? [];
  const scopeName = scope ? (projectList.find((project) => project.id === scope)?.name ?? 'this project') : undefined;

  const newButton = (
    <Button onClick={() => setCreating(true)}>
      <PlusIcon /> New secret
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Secrets"
        description="Model keys and repository tokens for agent runners. Values are write-only: they can be replaced, never read back."
        actions={newButton}
      />
      <div className="mb-5 flex items-center gap-3">
        <label htmlFor="secret-scope" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
          Scope
        </label>
        <Select
          id="secret-scope"
          className="max-w-64"
          value={scope ?? ''}
          onChange={(event) => setParams(event.target.value ? { project: event.target.value } : {}, { replace: true })}
        >
          <option value="">Platform-wide</option>
          {projectList.map((project) => (
            <option key={project.id} value={project.id}>
              Project: {project.name}
            </option>
          ))}
        </Select>
      </div>
      {secrets.isPending ? (
        <Skeleton className="h-48" />
      ) : secrets.isError ? (
        <ErrorState error={secrets.error} onRetry={() => void secrets.refetch()} />
      ) : secrets.data.data.length === 0 ? (
        <Card>
          <EmptyState
            icon={<KeyIcon className="size-6" />}
            title={scope ? `No secrets for ${scopeName}` : 'No platform-wide secrets yet'}
            description="Add the API key of your coding agent (ANTHROPIC_API_KEY, OPENAI_API_KEY, …) and a token for your repositories."
            action={newButton}
          />
        </Card>
      ) : (
        <Card className="overflow-hidden">
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead className="border-b border-zinc-200 bg-zinc-50/80 dark:border-zinc-800 dark:bg-zinc-900">
                <tr>
                  <th className={th}>Name</th>
                  <th className={th}>Value</th>
                  <th className={th}>Storage</th>
                  <th className={th}>Used by</th>
                  <th className={th}>Updated</th>
                  <th className={th}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {secrets.data.data.map((secret) => {
                  const users = [
                    ...(secret.usedByClankers ?? []).map((name) => `runner ${name}`),
                    ...(secret.usedByRepositories ?? []).map((name) => `repository of ${name}`),
                  ];
                  return (
                    <tr key={secret.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                      <td className={`${td} font-mono font-medium text-zinc-900 dark:text-zinc-100`}>{secret.name}</td>
                      <td className={`${td} font-mono text-zinc-400`} aria-label="Value hidden">
                        ••••••••
                      </td>
                      <td className={td}>
                        <Badge tone={STORAGE_TONE[secret.storage]}>{STORAGE_LABEL[secret.storage]}</Badge>
                        {secret.storage === 'env' && secret.envName && (
                          <span className="ml-2 font-mono text-xs text-zinc-500">${secret.envName}</span>
                        )}
                        {secret.storage === 'ssm' && secret.ssmParameter && (
                          <span className="ml-2 font-mono text-xs text-zinc-500">{secret.ssmParameter}</span>
                        )}
                      </td>
                      <td className={`${td} text-zinc-600 dark:text-zinc-400`}>
                        {users.length === 0 ? <span className="text-zinc-400">—</span> : users.join(', ')}
                      </td>
                      <td className={`${td} whitespace-nowrap text-zinc-500`} title={formatDateTime(secret.updatedAt)}>
                        {relativeTime(secret.updatedAt)}
                        {secret.updatedBy ? ` by ${secret.updatedBy}` : ''}
                      </td>
                      <td className={`${td} text-right whitespace-nowrap`}>
                        <Button size="sm" variant="secondary" onClick={() => setEditing(secret)} aria-label={`Update ${secret.name}`}>
                          Update
                        </Button>{' '}
                        <Button
                          size="sm"
                          variant="ghost"
                          className="text-red-600 dark:text-red-400"
                          onClick={() => {
                            remove.reset();
                            setDeleting(secret);
                          }}
                          aria-label={`Delete ${secret.name}`}
                        >
                          Delete
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      <SecretDialog
        open={creating}
        onOpenChange={setCreating}
        projects={projectList}
        defaultProjectId={scope ?? undefined}
      />
      <SecretDialog
        open={!!editing}
        onOpenChange={(open) => !open && setEditing(undefined)}
        secret={editing}
        projects={projectList}
      />
      <RemoveDialog
        item={deleting}
        onClose={() => setDeleting(undefined)}
        remove={remove}
        title={`Delete ${deleting?.name ?? 'this secret'}?`}
        description="Runs that need it will fail until it is created again. A secret still used by an agent runner or a repository cannot be deleted."
        confirmLabel="Delete secret"
        done={(item) => `${item.name} deleted`}
      >
        {remove.error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-500/10 dark:text-red-300">
            {remove.error.message}
          </p>
        )}
      </RemoveDialog>
    </>
  );
}

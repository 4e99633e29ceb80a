import { useEffect, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { ApiError } from '../../../api/client';
import { SCM_PROVIDERS, type ScmConfig, type ScmConfigRequest, type ScmProvider } from '../../../api/types';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../../components/ui/Card';
import { ConfirmDialog } from '../../../components/ui/Dialog';
import { Field, Input, Select } from '../../../components/ui/Field';
import { ErrorState, LoadingBlock } from '../../../components/ui/States';
import { useDeleteScmConfig, useSaveScmConfig, useScmConfig } from '../api';

const PROVIDER_LABEL: Record<ScmProvider, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  bitbucket: 'Bitbucket',
  git: 'Plain git',
};

interface ScmForm {
  provider: ScmProvider | '';
  repositoryUrl: string;
  baseBranch: string;
  pullRequestRepositoryUrl: string;
  pullRequestBaseBranch: string;
  branchNameTemplate: string;
  apiUrl: string;
}

function formOf(config: ScmConfig | null | undefined): ScmForm {
  return {
    provider: config?.provider ?? '',
    repositoryUrl: config?.repositoryUrl ?? '',
    baseBranch: config?.baseBranch ?? 'main',
    pullRequestRepositoryUrl: config?.pullRequestRepositoryUrl ?? '',
    pullRequestBaseBranch: config?.pullRequestBaseBranch ?? '',
    branchNameTemplate: config?.branchNameTemplate ?? '',
    apiUrl: config?.apiUrl ?? '',
  };
}

/** Blank optional fields are left out, so the platform applies its defaults instead of rejecting "". */
export function scmRequest(form: ScmForm, current: ScmConfig | null | undefined): ScmConfigRequest {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    provider: form.provider === '' ? undefined : form.provider,
    repositoryUrl: form.repositoryUrl.trim(),
    baseBranch: optional(form.baseBranch),
    pullRequestRepositoryUrl: optional(form.pullRequestRepositoryUrl),
    pullRequestBaseBranch: optional(form.pullRequestBaseBranch),
    branchNameTemplate: optional(form.branchNameTemplate),
    apiUrl: optional(form.apiUrl),
    // kept as it is: choosing a credential arrives with integrations and their credentials
    integrationId: current?.integrationId,
    credentialId: current?.credentialId,
  };
}

export function ScmSettings({ projectId }: { projectId: string }) {
  const config = useScmConfig(projectId);
  return (
    <Card>
      <CardHeader
        title="Repository"
        description="Where the code lives, and where pull requests go."
        actions={
          config.data ? (
            <Badge tone="green" dot>
              {PROVIDER_LABEL[config.data.provider]}
            </Badge>
          ) : config.data === null ? (
            <Badge tone="amber" dot>
              Not configured
            </Badge>
          ) : undefined
        }
      />
      {config.isPending ? (
        <LoadingBlock lines={4} className="p-5" />
      ) : config.isError ? (
        <div className="p-5">
          <ErrorState error={config.error} onRetry={() => void config.refetch()} />
        </div>
      ) : (
        <ScmForm projectId={projectId} config={config.data} />
      )}
    </Card>
  );
}

function ScmForm({ projectId, config }: { projectId: string; config: ScmConfig | null }) {
  const save = useSaveScmConfig(projectId);
  const remove = useDeleteScmConfig(projectId);
  const [form, setForm] = useState<ScmForm>(() => formOf(config));
  const [confirmRemove, setConfirmRemove] = useState(false);
  useEffect(() => setForm(formOf(config)), [config]);
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const set = (key: keyof ScmForm) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(scmRequest(form, config), { onSuccess: () => toast.success('Repository configuration saved') });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Repository configuration">
      <CardBody className="grid gap-5 sm:grid-cols-2">
        <Field
          label="Repository URL"
          required
          error={errors.repositoryUrl}
          hint="https, ssh, git or file URL"
          className="sm:col-span-2"
        >
          {(props) => (
            <Input
              {...props}
              value={form.repositoryUrl}
              onChange={set('repositoryUrl')}
              placeholder="https://github.com/acme/shop.git"
              className="font-mono"
            />
          )}
        </Field>
        <Field label="Provider" error={errors.provider} hint="Detected from the URL when left on automatic.">
          {(props) => (
            <Select {...props} value={form.provider} onChange={set('provider')}>
              <option value="">Automatic</option>
              {SCM_PROVIDERS.map((provider) => (
                <option key={provider} value={provider}>
                  {PROVIDER_LABEL[provider]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Base branch" error={errors.baseBranch}>
          {(props) => <Input {...props} value={form.baseBranch} onChange={set('baseBranch')} placeholder="main" />}
        </Field>
        <Field
          label="Pull request repository"
          error={errors.pullRequestRepositoryUrl}
          hint="Optional: a fork or another repository to open pull requests against."
          className="sm:col-span-2"
        >
          {(props) => (
            <Input
              {...props}
              value={form.pullRequestRepositoryUrl}
              onChange={set('pullRequestRepositoryUrl')}
              className="font-mono"
            />
          )}
        </Field>
        <Field label="Pull request base branch" error={errors.pullRequestBaseBranch} hint="Defaults to the base branch.">
          {(props) => <Input {...props} value={form.pullRequestBaseBranch} onChange={set('pullRequestBaseBranch')} />}
        </Field>
        <Field label="Branch name template" error={errors.branchNameTemplate} hint="Optional, with {{placeholders}}.">
          {(props) => (
            <Input
              {...props}
              value={form.branchNameTemplate}
              onChange={set('branchNameTemplate')}
              placeholder="viberator/{{ticket}}"
              className="font-mono"
            />
          )}
        </Field>
        <Field
          label="API URL"
          error={errors.apiUrl}
          hint="Only for self-hosted GitHub Enterprise or GitLab."
          className="sm:col-span-2"
        >
          {(props) => <Input {...props} value={form.apiUrl} onChange={set('apiUrl')} className="font-mono" />}
        </Field>
      </CardBody>
      <div className="flex items-center justify-between gap-2 border-t border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <div>
          {config && (
            <Button variant="ghost" onClick={() => setConfirmRemove(true)}>
              Remove configuration
            </Button>
          )}
        </div>
        <Button type="submit" loading={save.isPending}>
          Save repository
        </Button>
      </div>
      <ConfirmDialog
        open={confirmRemove}
        onOpenChange={setConfirmRemove}
        title="Remove the repository configuration?"
        description="Agents cannot run on this project until a repository is configured again."
        confirmLabel="Remove"
        busy={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setConfirmRemove(false);
              toast.success('Repository configuration removed');
            },
          })
        }
      />
    </form>
  );
}

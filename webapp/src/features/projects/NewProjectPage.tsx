import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import { Button, ButtonLink } from '../../components/ui/Button';
import { Card, CardBody } from '../../components/ui/Card';
import { Field, Input, Switch, Textarea } from '../../components/ui/Field';
import { PageHeader } from '../../components/ui/PageHeader';
import { useTitle } from '../../lib/useTitle';
import { useCreateProject } from './api';
import { parseTags } from './tags';

export function NewProjectPage() {
  useTitle('New project');
  const navigate = useNavigate();
  const create = useCreateProject();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [autoFixEnabled, setAutoFixEnabled] = useState(false);
  const [tags, setTags] = useState('');
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, description: description || undefined, autoFixEnabled, autoFixTags: parseTags(tags) },
      {
        onSuccess: (project) => {
          toast.success(`Project ${project.name} created`);
          navigate(`/projects/${project.slug}`);
        },
      },
    );
  };

  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="New project"
        description="Name it now; connect its repository and agent instructions in the project's settings."
        crumbs={[{ label: 'Projects', to: '/' }, { label: 'New project' }]}
      />
      <Card>
        <form onSubmit={submit} noValidate>
          <CardBody className="space-y-5">
            <Field label="Project name" required error={errors.name} hint="Its address is derived from the name.">
              {(props) => (
                <Input {...props} value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={255} />
              )}
            </Field>
            <Field label="Description" error={errors.description}>
              {(props) => (
                <Textarea {...props} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
              )}
            </Field>
            <Switch
              label="Enable auto-fix"
              description="Tickets carrying one of the auto-fix tags are worked on without waiting for someone."
              checked={autoFixEnabled}
              onChange={setAutoFixEnabled}
            />
            {autoFixEnabled && (
              <Field label="Auto-fix tags" error={errors.autoFixTags} hint="Comma-separated, for example: bug, ui">
                {(props) => <Input {...props} value={tags} onChange={(e) => setTags(e.target.value)} />}
              </Field>
            )}
          </CardBody>
          <div className="flex justify-end gap-2 border-t border-zinc-200 px-5 py-3 dark:border-zinc-800">
            <ButtonLink to="/" variant="secondary">
              Cancel
            </ButtonLink>
            <Button type="submit" loading={create.isPending}>
              Create project
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}

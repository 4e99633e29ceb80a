import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '../../../api/client';
import type { Project } from '../../../api/types';
import { Button } from '../../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../../components/ui/Card';
import { Field, Input, Switch, Textarea } from '../../../components/ui/Field';
import { useUpdateProject } from '../api';
import { parseTags } from '../tags';

/** Name, description, agent instructions and auto-fix; one save for all of them. */
export function GeneralSettings({ project }: { project: Project }) {
  const navigate = useNavigate();
  const update = useUpdateProject(project.id);
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description ?? '');
  const [instructions, setInstructions] = useState(project.agentInstructions ?? '');
  const [autoFixEnabled, setAutoFixEnabled] = useState(project.autoFixEnabled);
  const [tags, setTags] = useState(project.autoFixTags.join(', '));
  const errors = update.error instanceof ApiError ? update.error.fieldErrors() : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { name, description, agentInstructions: instructions, autoFixEnabled, autoFixTags: parseTags(tags) },
      {
        onSuccess: (saved) => {
          toast.success('Project settings saved');
          if (saved.slug !== project.slug) {
            navigate(`/projects/${saved.slug}/settings`, { replace: true });
          }
        },
      },
    );
  };

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label="General settings">
        <CardHeader title="General" description="Renaming a project changes its address." />
        <CardBody className="space-y-5">
          <Field label="Project name" required error={errors.name}>
            {(props) => <Input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Description" error={errors.description}>
            {(props) => (
              <Textarea {...props} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
            )}
          </Field>
          <Field
            label="Agent instructions"
            error={errors.agentInstructions}
            hint="Written into the agent's instruction file (AGENTS.md) on every run: conventions, commands, no-go areas."
          >
            {(props) => (
              <Textarea
                {...props}
                rows={10}
                spellCheck={false}
                className="font-mono text-[13px] leading-relaxed"
                placeholder={'# How to work on this repository\n\n- Run `npm test` before committing.'}
                value={instructions}
                onChange={(e) => setInstructions(e.target.value)}
              />
            )}
          </Field>
          <div className="space-y-4 rounded-lg bg-zinc-50 p-4 ring-1 ring-zinc-200 dark:bg-zinc-950/40 dark:ring-zinc-800">
            <Switch
              label="Auto-fix"
              description="Tickets with one of these tags are worked on without waiting for someone."
              checked={autoFixEnabled}
              onChange={setAutoFixEnabled}
            />
            <Field label="Auto-fix tags" error={errors.autoFixTags} hint="Comma-separated, for example: bug, ui">
              {(props) => (
                <Input
                  {...props}
                  value={tags}
                  disabled={!autoFixEnabled}
                  onChange={(e) => setTags(e.target.value)}
                />
              )}
            </Field>
          </div>
        </CardBody>
        <div className="flex justify-end border-t border-zinc-200 px-5 py-3 dark:border-zinc-800">
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </div>
      </form>
    </Card>
  );
}

import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../../components/ui/Card';
import { Field, Select, Textarea } from '../../../components/ui/Field';
import { ErrorState, LoadingBlock } from '../../../components/ui/States';
import { InlineError } from '../../../components/ui/Table';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { usePromptTemplates, useResetPromptOverride, useSavePromptOverride, type PromptTemplate } from './membersApi';

/** The prompts agents get for this project: the system default, or a project override validated by the platform. */
export function PromptSettings({ projectId }: { projectId: string }) {
  const prompts = usePromptTemplates(projectId);
  const [type, setType] = useState<string | undefined>();
  const current = prompts.data?.find((entry) => entry.type === type) ?? prompts.data?.[0];
  return (
    <Card>
      <CardHeader title="Prompt templates" description="Override a prompt for this project; the system default applies otherwise." />
      <CardBody className="space-y-4">
        {prompts.isPending ? (
          <LoadingBlock />
        ) : prompts.isError ? (
          <ErrorState error={prompts.error} onRetry={() => void prompts.refetch()} />
        ) : !current ? (
          <p className="text-sm text-zinc-500">No prompts.</p>
        ) : (
          <>
            <Field label="Prompt" hint={current.description}>
              {(props) => (
                <Select {...props} value={current.type} onChange={(event) => setType(event.target.value)}>
                  {prompts.data.map((entry) => (
                    <option key={entry.type} value={entry.type}>
                      {entry.label}
                      {entry.isDefault ? '' : ' (overridden)'}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <PromptEditor key={`${current.type}-${current.effectiveTemplate.length}-${current.isDefault}`} projectId={projectId} entry={current} />
          </>
        )}
      </CardBody>
    </Card>
  );
}

function PromptEditor({ projectId, entry }: { projectId: string; entry: PromptTemplate }) {
  const save = useSavePromptOverride(projectId);
  const reset = useResetPromptOverride(projectId);
  const [template, setTemplate] = useState(entry.effectiveTemplate);
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ type: entry.type, template }, { onSuccess: () => toast.success(`${entry.label}: project override saved`) });
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-label={`Prompt ${entry.label}`}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
        {entry.isDefault ? <Badge>System default</Badge> : <Badge tone="brand">Project override</Badge>}
        <span>Variables:</span>
        {entry.variables.map((variable) => (
          <code key={variable} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            {`{{${variable}}}`}
          </code>
        ))}
      </div>
      <Field label="Template" error={errors.template}>
        {(props) => (
          <Textarea
            {...props}
            rows={12}
            className="font-mono text-[13px] leading-relaxed"
            spellCheck={false}
            value={template}
            onChange={(event) => setTemplate(event.target.value)}
          />
        )}
      </Field>
      {save.error && !errors.template && <InlineError error={save.error} />}
      <InlineError error={reset.error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={save.isPending} disabled={template === entry.effectiveTemplate}>
          Save override
        </Button>
        {!entry.isDefault && (
          <Button
            variant="secondary"
            loading={reset.isPending}
            onClick={() => reset.mutate(entry.type, { onSuccess: () => toast.success(`${entry.label}: back to the system default`) })}
          >
            Use the system default
          </Button>
        )}
      </div>
    </form>
  );
}

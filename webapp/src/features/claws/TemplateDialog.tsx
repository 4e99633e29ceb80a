import { useState } from 'react';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import { DialogForm } from '../../components/ui/DialogForm';
import { Dialog } from '../../components/ui/Dialog';
import { Field, Input, Select, Textarea } from '../../components/ui/Field';
import { useRunners } from '../runners/api';
import { useSaveTemplate, type ClawTemplate, type TemplateRequest } from './api';
import { without } from '../../lib/fieldErrors';

export interface TemplateForm {
  name: string;
  description: string;
  clankerId: string;
  taskInstructions: string;
}

export function validateTemplate(form: TemplateForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.name.trim() === '') {
    errors.name = 'Give the template a name';
  } else if (form.name.trim().length > 255) {
    errors.name = 'Keep the name under 255 characters';
  }
  if (!form.clankerId) {
    errors.clankerId = 'Choose the agent runner that does the task';
  }
  if (form.taskInstructions.trim() === '') {
    errors.taskInstructions = 'Say what the agent should do';
  } else if (form.taskInstructions.length > 50_000) {
    errors.taskInstructions = 'Keep the instructions under 50,000 characters';
  }
  if (form.description.length > 5000) {
    errors.description = 'Keep the description under 5,000 characters';
  }
  return errors;
}

/** Create or edit a task template: what the agent is asked to do (TASK.md) and on which runner. */
export function TemplateDialog({
  projectId,
  template,
  open,
  onOpenChange,
}: {
  projectId: string;
  template?: ClawTemplate;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={template ? `Edit ${template.name}` : 'New task template'}
      description="The instructions are given to the agent as TASK.md each time a schedule runs the template."
    >
      {open && <TemplateFormBody projectId={projectId} template={template} onDone={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function TemplateFormBody({ projectId, template, onDone }: { projectId: string; template?: ClawTemplate; onDone: () => void }) {
  const runners = useRunners();
  const save = useSaveTemplate(template?.id);
  const [form, setForm] = useState<TemplateForm>({
    name: template?.name ?? '',
    description: template?.description ?? '',
    clankerId: template?.clankerId ?? '',
    taskInstructions: template?.taskInstructions ?? '',
  });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...(save.error instanceof ApiError ? save.error.fieldErrors() : {}), ...clientErrors };
  const set = (key: keyof TemplateForm) => (event: { target: { value: string } }) => {
    setClientErrors((current) => without(current, key));
    setForm((current) => ({ ...current, [key]: event.target.value }));
  };

  const submit = () => {
    const found = validateTemplate(form);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    const request: TemplateRequest = {
      projectId,
      name: form.name.trim(),
      description: form.description.trim(),
      clankerId: form.clankerId,
      taskInstructions: form.taskInstructions,
    };
    save.mutate(request, {
      onSuccess: (saved) => {
        toast.success(template ? `${saved.name} saved` : `Template ${saved.name} created`);
        onDone();
      },
    });
  };

  return (
    <DialogForm
      label="Task template"
      submitLabel={template ? 'Save' : 'Create template'}
      onSubmit={submit}
      onCancel={onDone}
      busy={save.isPending}
    >
      <Field label="Name" required error={errors.name}>
        {(props) => <Input {...props} value={form.name} onChange={set('name')} placeholder="Nightly dependency update" />}
      </Field>
      <Field label="Agent runner" required error={errors.clankerId} hint="Schedules need it to be active.">
        {(props) => (
          <Select {...props} value={form.clankerId} onChange={set('clankerId')}>
            <option value="">Choose…</option>
            {(runners.data?.data ?? []).map((runner) => (
              <option key={runner.id} value={runner.id}>
                {runner.name}
                {runner.status === 'active' ? '' : ` (${runner.status})`}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Task instructions" required error={errors.taskInstructions} hint="Markdown. Written to TASK.md.">
        {(props) => (
          <Textarea
            {...props}
            rows={8}
            value={form.taskInstructions}
            onChange={set('taskInstructions')}
            className="font-mono text-xs"
            placeholder={'Update the npm dependencies to their latest minor versions.\nRun the tests; open a pull request if they pass.'}
          />
        )}
      </Field>
      <Field label="Description" error={errors.description}>
        {(props) => <Input {...props} value={form.description} onChange={set('description')} />}
      </Field>
    </DialogForm>
  );
}

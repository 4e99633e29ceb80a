import { useState } from 'react';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import type { Project } from '../../api/types';
import { DialogForm } from '../../components/ui/DialogForm';
import { Dialog } from '../../components/ui/Dialog';
import { Field, Input, Select } from '../../components/ui/Field';
import { Segmented } from '../../components/ui/Segmented';
import { SECRET_STORAGES, useCreateSecret, useUpdateSecret, type Secret, type SecretRequest, type SecretStorage } from './api';
import { without } from '../../lib/fieldErrors';

export const STORAGE_LABEL: Record<SecretStorage, string> = {
  database: 'Encrypted in the database',
  env: 'Platform environment',
  ssm: 'AWS SSM',
};
const STORAGE_SHORT: Record<SecretStorage, string> = { database: 'Database', env: 'Environment', ssm: 'AWS SSM' };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SSM_PARAMETER = /^\/[A-Za-z0-9_.\-/]+$/;

export interface SecretForm {
  name: string;
  projectId: string;
  storage: SecretStorage;
  value: string;
  envName: string;
  ssmParameter: string;
}

/** The browser's checks, the same as the platform's; `current` is the secret being changed, if any. */
export function validateSecret(form: SecretForm, current?: Secret): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!current) {
    if (form.name.trim() === '') {
      errors.name = 'Give the secret a name';
    } else if (!NAME.test(form.name.trim()) || form.name.trim().length > 255) {
      errors.name = 'Use letters, digits and _ , not starting with a digit (like GITHUB_TOKEN)';
    }
  }
  const movingToDatabase = form.storage === 'database' && current?.storage !== 'database';
  if (form.storage === 'database' && form.value === '' && (!current || movingToDatabase)) {
    errors.value = 'A value is needed for secrets stored in the database';
  }
  if (form.value.length > 65_536) {
    errors.value = 'Values are limited to 64 KiB';
  }
  if (form.storage === 'env' && form.envName.trim() !== '' && !NAME.test(form.envName.trim())) {
    errors.envName = 'Must be a valid environment variable name';
  }
  if (form.storage === 'ssm' && form.ssmParameter.trim() !== '' && !SSM_PARAMETER.test(form.ssmParameter.trim())) {
    errors.ssmParameter = 'Must be an SSM parameter name starting with /';
  }
  if (form.storage === 'ssm' && form.value === '' && form.ssmParameter.trim() === '' && (!current || current.storage !== 'ssm')) {
    errors.value = 'Give a value, or name an existing parameter below';
  }
  return errors;
}

/** The request body: blank optional fields left out; an empty value on an update keeps the stored one. */
export function secretRequest(form: SecretForm, current?: Secret): SecretRequest {
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  const request: SecretRequest = {
    storage: form.storage,
    value: form.storage === 'env' || form.value === '' ? undefined : form.value,
    envName: form.storage === 'env' ? optional(form.envName) : undefined,
    ssmParameter: form.storage === 'ssm' ? optional(form.ssmParameter) : undefined,
  };
  if (!current) {
    request.name = form.name.trim();
    request.projectId = optional(form.projectId);
  }
  return request;
}

/** Create a secret, or rotate / move one. The value is write-only: it is never shown, here or anywhere else. */
export function SecretDialog({
  open,
  onOpenChange,
  secret,
  projects,
  defaultProjectId,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  secret?: Secret;
  projects: Project[];
  defaultProjectId?: string;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={secret ? `Update ${secret.name}` : 'New secret'}
      description={
        secret
          ? 'Enter a new value to rotate it, or move it to another storage. The current value stays hidden.'
          : 'Agents and repositories refer to a secret by its name. Its value can be replaced but never read back.'
      }
    >
      {open && (
        <SecretFormBody
          secret={secret}
          projects={projects}
          defaultProjectId={defaultProjectId}
          onDone={() => onOpenChange(false)}
        />
      )}
    </Dialog>
  );
}

function SecretFormBody({
  secret,
  projects,
  defaultProjectId,
  onDone,
}: {
  secret?: Secret;
  projects: Project[];
  defaultProjectId?: string;
  onDone: () => void;
}) {
  const create = useCreateSecret();
  const update = useUpdateSecret(secret?.id ?? '');
  const mutation = secret ? update : create;
  const [form, setForm] = useState<SecretForm>({
    name: secret?.name ?? '',
    projectId: secret?.projectId ?? defaultProjectId ?? '',
    storage: secret?.storage ?? 'database',
    value: '',
    envName: secret?.envName ?? '',
    ssmParameter: secret?.ssmParameter ?? '',
  });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const serverErrors = mutation.error instanceof ApiError ? mutation.error.fieldErrors() : {};
  const errors = { ...serverErrors, ...clientErrors };
  const set = (key: keyof SecretForm) => (event: { target: { value: string } }) => {
    setClientErrors((current) => without(current, key));
    setForm((current) => ({ ...current, [key]: event.target.value }));
  };

  const submit = () => {
    const found = validateSecret(form, secret);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    mutation.mutate(secretRequest(form, secret), {
      onSuccess: (saved) => {
        // the value leaves the browser's memory with the form
        setForm((current) => ({ ...current, value: '' }));
        toast.success(secret ? `${saved.name} updated` : `${saved.name} created`);
        onDone();
      },
    });
  };

  return (
    <DialogForm
      label={secret ? 'Update secret' : 'New secret'}
      submitLabel={secret ? 'Save' : 'Create secret'}
      onSubmit={submit}
      onCancel={onDone}
      busy={mutation.isPending}
    >
      {!secret && (
        <>
          <Field label="Name" required error={errors.name} hint="As agents see it, like ANTHROPIC_API_KEY.">
            {(props) => (
              <Input
                {...props}
                value={form.name}
                onChange={set('name')}
                autoComplete="off"
                spellCheck={false}
                className="font-mono"
                placeholder="GITHUB_TOKEN"
              />
            )}
          </Field>
          <Field label="Scope" error={errors.projectId}>
            {(props) => (
              <Select {...props} value={form.projectId} onChange={set('projectId')}>
                <option value="">Platform-wide</option>
                {projects.map((project) => (
                  <option key={project.id} value={project.id}>
                    Project: {project.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </>
      )}
      <div className="space-y-1.5">
        <span className="block text-sm font-medium text-zinc-800 dark:text-zinc-200" id="secret-storage-label">
          Storage
        </span>
        <Segmented
          label="Storage"
          value={form.storage}
          options={SECRET_STORAGES.map((storage) => ({ value: storage, label: STORAGE_SHORT[storage], title: STORAGE_LABEL[storage] }))}
          onChange={(storage) => setForm((current) => ({ ...current, storage }))}
        />
        {errors.storage && <p className="text-sm text-red-600" role="alert">{errors.storage}</p>}
      </div>
      {form.storage === 'env' ? (
        <Field
          label="Environment variable"
          error={errors.envName ?? errors.value}
          hint="The platform reads the value from this variable of its own environment; nothing is stored. Defaults to the name."
        >
          {(props) => (
            <Input {...props} value={form.envName} onChange={set('envName')} className="font-mono" autoComplete="off" />
          )}
        </Field>
      ) : (
        <Field
          label={secret ? 'New value' : 'Value'}
          required={!secret && form.storage === 'database'}
          error={errors.value}
          hint={secret ? 'Leave empty to keep the current value.' : 'Write-only: it cannot be read back after saving.'}
        >
          {(props) => (
            <Input
              {...props}
              type="password"
              value={form.value}
              onChange={set('value')}
              autoComplete="new-password"
              spellCheck={false}
              placeholder={secret ? '•••••••• (hidden)' : undefined}
              className="font-mono"
            />
          )}
        </Field>
      )}
      {form.storage === 'ssm' && (
        <Field
          label="SSM parameter"
          error={errors.ssmParameter}
          hint="Optional: an existing SecureString parameter. Without one, the platform writes the value under its own prefix."
        >
          {(props) => (
            <Input
              {...props}
              value={form.ssmParameter}
              onChange={set('ssmParameter')}
              className="font-mono"
              placeholder="/viberglass/GITHUB_TOKEN"
            />
          )}
        </Field>
      )}
    </DialogForm>
  );
}

import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import { DialogForm } from '../../components/ui/DialogForm';
import { Dialog } from '../../components/ui/Dialog';
import { Field, Input, Select } from '../../components/ui/Field';
import { Segmented } from '../../components/ui/Segmented';
import { formatDateTime } from '../../lib/format';
import { fieldErrorsOf, without } from '../../lib/fieldErrors';
import { useDebounced } from '../../lib/useDebounced';
import { useSaveSchedule, useSchedulePreview, type ClawTemplate, type Schedule, type ScheduleRequest } from './api';

const INTERVAL = /^[1-9][0-9]{0,6}[smhdw]$/;
const EVENTS = ['started', 'completed', 'failed'] as const;

/** `900s` → `15m`: the largest unit that divides the interval. */
export function compactInterval(expression: string | undefined): string {
  const match = /^(\d+)s$/.exec(expression ?? '');
  if (!match) {
    return expression ?? '';
  }
  const seconds = Number(match[1]);
  for (const [unit, size] of [
    ['w', 604_800],
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) {
      return `${seconds / size}${unit}`;
    }
  }
  return `${seconds}s`;
}

export function describeCadence(schedule: Pick<Schedule, 'scheduleType' | 'intervalExpression' | 'cronExpression' | 'timezone'>): string {
  return schedule.scheduleType === 'interval'
    ? `Every ${compactInterval(schedule.intervalExpression)}`
    : `${schedule.cronExpression ?? ''} (${schedule.timezone})`;
}

export interface ScheduleForm {
  name: string;
  description: string;
  taskTemplateId: string;
  scheduleType: 'interval' | 'cron';
  intervalExpression: string;
  cronExpression: string;
  timezone: string;
  autoPauseAfter: string;
  webhookEnabled: boolean;
  webhookUrl: string;
  webhookSecret: string;
  webhookEvents: string[];
}

export function validateSchedule(form: ScheduleForm, editing: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.name.trim() === '') {
    errors.name = 'Give the schedule a name';
  }
  if (!editing && !form.taskTemplateId) {
    errors.taskTemplateId = 'Choose the task to run';
  }
  if (form.scheduleType === 'interval' && !INTERVAL.test(form.intervalExpression.trim())) {
    errors.intervalExpression = 'Like 30s, 15m, 2h, 1d or 1w';
  }
  if (form.scheduleType === 'cron' && form.cronExpression.trim().split(/\s+/).length !== 6) {
    errors.cronExpression = 'Six fields: second minute hour day-of-month month day-of-week';
  }
  const pause = Number(form.autoPauseAfter);
  if (form.autoPauseAfter.trim() !== '' && (!Number.isInteger(pause) || pause < 1 || pause > 100)) {
    errors.autoPauseAfter = 'A whole number from 1 to 100';
  }
  if (form.webhookEnabled) {
    if (!/^https?:\/\/\S+$/.test(form.webhookUrl.trim())) {
      errors['webhookConfig.url'] = 'Must be an http(s) URL';
    }
    if (form.webhookSecret !== '' && (form.webhookSecret.length < 16 || form.webhookSecret.length > 512)) {
      errors['webhookConfig.secret'] = 'Between 16 and 512 characters, or empty for unsigned events';
    }
  }
  return errors;
}

export function scheduleRequest(form: ScheduleForm, projectId: string, editing: boolean): ScheduleRequest {
  const request: ScheduleRequest = {
    name: form.name.trim(),
    description: form.description.trim(),
    scheduleType: form.scheduleType,
    intervalExpression: form.scheduleType === 'interval' ? form.intervalExpression.trim() : undefined,
    cronExpression: form.scheduleType === 'cron' ? form.cronExpression.trim() : undefined,
    timezone: form.scheduleType === 'cron' ? form.timezone.trim() || 'UTC' : undefined,
    autoPauseAfter: form.autoPauseAfter.trim() === '' ? undefined : Number(form.autoPauseAfter),
  };
  if (!editing) {
    request.projectId = projectId;
    request.taskTemplateId = form.taskTemplateId;
  }
  if (form.webhookEnabled) {
    request.webhookConfig = {
      url: form.webhookUrl.trim(),
      secret: form.webhookSecret === '' ? undefined : form.webhookSecret,
      events: form.webhookEvents,
    };
  }
  return request;
}

function formOf(schedule: Schedule | undefined, templates: ClawTemplate[]): ScheduleForm {
  return {
    name: schedule?.name ?? '',
    description: schedule?.description ?? '',
    taskTemplateId: schedule?.taskTemplateId ?? templates[0]?.id ?? '',
    scheduleType: schedule?.scheduleType === 'cron' ? 'cron' : 'interval',
    intervalExpression: compactInterval(schedule?.intervalExpression) || '1d',
    cronExpression: schedule?.cronExpression ?? '0 0 3 * * MON-FRI',
    timezone: schedule?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    autoPauseAfter: schedule ? String(schedule.autoPauseAfter) : '3',
    // an edit sends the webhook only when asked to, so an untouched one keeps its secret
    webhookEnabled: false,
    webhookUrl: schedule?.webhookUrl ?? '',
    webhookSecret: '',
    webhookEvents: schedule?.webhookEvents ?? [...EVENTS],
  };
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

/** Create or edit a schedule, with the next run times previewed by the platform as the cadence is typed. */
export function ScheduleDialog({
  projectId,
  templates,
  schedule,
  open,
  onOpenChange,
}: {
  projectId: string;
  templates: ClawTemplate[];
  schedule?: Schedule;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={schedule ? `Edit ${schedule.name}` : 'New schedule'}
      description="Runs a task template on a fixed interval or a cron expression."
    >
      {open && (
        <ScheduleFormBody projectId={projectId} templates={templates} schedule={schedule} onDone={() => onOpenChange(false)} />
      )}
    </Dialog>
  );
}

function ScheduleFormBody({
  projectId,
  templates,
  schedule,
  onDone,
}: {
  projectId: string;
  templates: ClawTemplate[];
  schedule?: Schedule;
  onDone: () => void;
}) {
  const save = useSaveSchedule(schedule?.id);
  const [form, setForm] = useState<ScheduleForm>(() => formOf(schedule, templates));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const zones = useMemo(timeZones, []);
  const cadence = useDebounced(
    {
      scheduleType: form.scheduleType,
      intervalExpression: form.intervalExpression.trim(),
      cronExpression: form.cronExpression.trim(),
      timezone: form.timezone.trim(),
    },
    400,
  );
  const cadenceOk =
    cadence.scheduleType === 'interval'
      ? INTERVAL.test(cadence.intervalExpression)
      : cadence.cronExpression.split(/\s+/).length === 6;
  const preview = useSchedulePreview(cadenceOk ? cadence : undefined);
  const errors: Record<string, string | undefined> = {
    ...fieldErrorsOf(preview.error),
    ...fieldErrorsOf(save.error),
    ...clientErrors,
  };
  const set = (key: 'name' | 'description' | 'taskTemplateId' | 'intervalExpression' | 'cronExpression' | 'timezone' | 'autoPauseAfter' | 'webhookUrl' | 'webhookSecret') =>
    (event: { target: { value: string } }) => {
      setClientErrors((current) =>
        without(current, key === 'webhookUrl' ? 'webhookConfig.url' : key === 'webhookSecret' ? 'webhookConfig.secret' : key),
      );
      setForm((current) => ({ ...current, [key]: event.target.value }));
    };

  const submit = () => {
    const found = validateSchedule(form, !!schedule);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    save.mutate(scheduleRequest(form, projectId, !!schedule), {
      onSuccess: (saved) => {
        toast.success(schedule ? `${saved.name} saved` : `Schedule ${saved.name} created`);
        onDone();
      },
    });
  };

  return (
    <DialogForm
      label="Schedule"
      submitLabel={schedule ? 'Save' : 'Create schedule'}
      onSubmit={submit}
      onCancel={onDone}
      busy={save.isPending}
    >
      <Field label="Name" required error={errors.name}>
        {(props) => <Input {...props} value={form.name} onChange={set('name')} placeholder="Weeknights" />}
      </Field>
      <Field
        label="Task template"
        required
        error={errors.taskTemplateId}
        hint={schedule ? 'A schedule keeps its template; create another schedule to run a different one.' : undefined}
      >
        {(props) => (
          <Select {...props} value={form.taskTemplateId} onChange={set('taskTemplateId')} disabled={!!schedule}>
            {templates.map((template) => (
              <option key={template.id} value={template.id}>
                {template.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="space-y-2">
        <Segmented
          label="Cadence"
          value={form.scheduleType}
          options={[
            { value: 'interval', label: 'Every…' },
            { value: 'cron', label: 'Cron' },
          ]}
          onChange={(scheduleType) => setForm((current) => ({ ...current, scheduleType }))}
        />
        {form.scheduleType === 'interval' ? (
          <Field label="Interval" required error={errors.intervalExpression} hint="30s, 15m, 2h, 1d or 1w.">
            {(props) => (
              <Input {...props} value={form.intervalExpression} onChange={set('intervalExpression')} className="max-w-40 font-mono" />
            )}
          </Field>
        ) : (
          <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
            <Field
              label="Cron expression"
              required
              error={errors.cronExpression}
              hint="second minute hour day-of-month month day-of-week"
            >
              {(props) => (
                <Input {...props} value={form.cronExpression} onChange={set('cronExpression')} className="font-mono" spellCheck={false} />
              )}
            </Field>
            <Field label="Time zone" error={errors.timezone}>
              {(props) => (
                <>
                  <Input {...props} value={form.timezone} onChange={set('timezone')} list="claw-time-zones" />
                  <datalist id="claw-time-zones">
                    {zones.map((zone) => (
                      <option key={zone} value={zone} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
          </div>
        )}
        <div className="rounded-lg bg-zinc-50 px-3 py-2 text-sm dark:bg-zinc-950/40" aria-live="polite">
          <p className="text-xs font-medium text-zinc-500">Next runs</p>
          {!cadenceOk || preview.isError ? (
            <p className="text-zinc-500">—</p>
          ) : preview.isPending ? (
            <p className="text-zinc-500">Working them out…</p>
          ) : (
            <ol className="mt-1 space-y-0.5 font-mono text-xs text-zinc-700 dark:text-zinc-300" aria-label="Next runs">
              {(preview.data.nextRuns ?? []).map((time) => (
                <li key={time}>{formatDateTime(time)}</li>
              ))}
            </ol>
          )}
        </div>
      </div>
      <Field label="Pause after failures in a row" error={errors.autoPauseAfter}>
        {(props) => (
          <Input {...props} type="number" min={1} max={100} value={form.autoPauseAfter} onChange={set('autoPauseAfter')} className="max-w-28" />
        )}
      </Field>
      <Field label="Description" error={errors.description}>
        {(props) => <Input {...props} value={form.description} onChange={set('description')} />}
      </Field>
      <fieldset className="space-y-3 rounded-lg p-3 ring-1 ring-zinc-200 dark:ring-zinc-800">
        <legend className="px-1 text-sm font-medium text-zinc-800 dark:text-zinc-200">Webhook</legend>
        <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          <input
            type="checkbox"
            checked={form.webhookEnabled}
            onChange={(event) => setForm((current) => ({ ...current, webhookEnabled: event.target.checked }))}
          />
          {schedule?.webhookUrl ? 'Change the webhook' : 'Post run events to a webhook'}
        </label>
        {!form.webhookEnabled && schedule?.webhookUrl && (
          <p className="text-xs text-zinc-500">
            Posting to <span className="font-mono">{schedule.webhookUrl}</span>
            {schedule.hasWebhookSecret ? ', signed' : ', unsigned'}.
          </p>
        )}
        {form.webhookEnabled && (
          <>
            <Field label="Webhook URL" required error={errors['webhookConfig.url']}>
              {(props) => <Input {...props} value={form.webhookUrl} onChange={set('webhookUrl')} className="font-mono" placeholder="https://" />}
            </Field>
            <Field
              label="Signing secret"
              error={errors['webhookConfig.secret']}
              hint={
                schedule?.hasWebhookSecret
                  ? 'The current secret is replaced: enter it again to keep signing, or leave empty for unsigned events.'
                  : 'Optional, 16+ characters: events are signed with HMAC-SHA256 (X-Claw-Signature).'
              }
            >
              {(props) => (
                <Input {...props} type="password" autoComplete="new-password" value={form.webhookSecret} onChange={set('webhookSecret')} />
              )}
            </Field>
            <div className="flex gap-4 text-sm text-zinc-700 dark:text-zinc-300" role="group" aria-label="Events">
              {EVENTS.map((name) => (
                <label key={name} className="flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    checked={form.webhookEvents.includes(name)}
                    onChange={(event) =>
                      setForm((current) => ({
                        ...current,
                        webhookEvents: event.target.checked
                          ? [...current.webhookEvents, name]
                          : current.webhookEvents.filter((item) => item !== name),
                      }))
                    }
                  />
                  {name}
                </label>
              ))}
            </div>
          </>
        )}
      </fieldset>
    </DialogForm>
  );
}

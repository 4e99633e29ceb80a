import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import type { WorkflowPhase } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { Field, Select, Textarea } from '../../components/ui/Field';
import { LoadingBlock } from '../../components/ui/States';
import { useRunners } from '../runners/api';
import { PHASE_LABEL } from '../tickets/labels';
import { useRequestRevision, useStartRun } from './api';
import type { DocumentPhase, RunFile, StartedRun } from './types';
import { without } from '../../lib/fieldErrors';

export type RunDialogMode = { kind: 'run'; phase: WorkflowPhase } | { kind: 'revision'; phase: DocumentPhase };

const TITLE: Record<WorkflowPhase, string> = {
  research: 'Start research',
  planning: 'Start planning',
  execution: 'Start execution',
};

const DESCRIPTION: Record<WorkflowPhase, string> = {
  research: 'The agent investigates the ticket in the repository and writes RESEARCH.md.',
  planning: 'The agent writes PLAN.md, from the research when there is some.',
  execution: 'The agent changes the code; the worker pushes a branch and opens a pull request.',
};

interface FormState {
  clankerId: string;
  message: string;
  instructions: string;
}

export function validateRun(form: FormState, mode: RunDialogMode): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.clankerId) {
    errors.clankerId = 'Choose an agent runner';
  }
  if (mode.kind === 'revision') {
    if (form.message.trim() === '') {
      errors.revisionMessage = 'Say what should change';
    } else if (form.message.length > 10_000) {
      errors.revisionMessage = 'Keep it under 10,000 characters';
    }
  }
  if (form.instructions.length > 200_000) {
    errors.instructionFiles = 'Keep it under 200,000 characters';
  }
  return errors;
}

/** Choose an agent runner (and, for a revision, what should change), then queue the run. */
export function RunDialog({
  ticketId,
  mode,
  open,
  onOpenChange,
  onStarted,
}: {
  ticketId: string;
  mode: RunDialogMode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onStarted?: (run: StartedRun) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={mode.kind === 'revision' ? `Request changes to the ${mode.phase === 'research' ? 'research' : 'plan'}` : TITLE[mode.phase]}
      description={
        mode.kind === 'revision'
          ? 'The agent rewrites the document from your message and the open line comments.'
          : DESCRIPTION[mode.phase]
      }
    >
      {open && <RunForm ticketId={ticketId} mode={mode} onDone={() => onOpenChange(false)} onStarted={onStarted} />}
    </Dialog>
  );
}

function RunForm({
  ticketId,
  mode,
  onDone,
  onStarted,
}: {
  ticketId: string;
  mode: RunDialogMode;
  onDone: () => void;
  onStarted?: (run: StartedRun) => void;
}) {
  const runners = useRunners();
  const start = useStartRun(ticketId);
  const revise = useRequestRevision(ticketId, mode.phase === 'execution' ? 'research' : mode.phase);
  const active = (runners.data?.data ?? []).filter((runner) => runner.status === 'active');
  const [form, setForm] = useState<FormState>({ clankerId: '', message: '', instructions: '' });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const clankerId = form.clankerId || active[0]?.id || '';
  const mutation = mode.kind === 'revision' ? revise : start;
  const serverErrors = mutation.error instanceof ApiError ? mutation.error.fieldErrors() : {};
  const errors = { ...serverErrors, ...clientErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values = { ...form, clankerId };
    const found = validateRun(values, mode);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    const instructionFiles: RunFile[] =
      form.instructions.trim() === '' ? [] : [{ path: 'AGENTS.md', content: form.instructions }];
    const done = {
      onSuccess: (run: StartedRun) => {
        toast.success(mode.kind === 'revision' ? 'Revision run queued' : `${PHASE_LABEL[mode.phase]} run queued`);
        onStarted?.(run);
        onDone();
      },
    };
    if (mode.kind === 'revision') {
      revise.mutate({ clankerId, revisionMessage: form.message.trim(), instructionFiles }, done);
    } else {
      start.mutate({ phase: mode.phase, request: { clankerId, instructionFiles } }, done);
    }
  };

  if (runners.isPending) {
    return <LoadingBlock lines={3} />;
  }
  if (active.length === 0) {
    return (
      <div className="space-y-4 text-sm text-zinc-600 dark:text-zinc-400">
        <p>
          No agent runner is active. Runs need one: create a runner, or start an existing one, on the agent runners
          page.
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onDone}>
            Close
          </Button>
          <Link to="/runners" className="inline-flex h-9 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">
            Agent runners
          </Link>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Run settings">
      <Field label="Agent runner" required error={errors.clankerId}>
        {(props) => (
          <Select {...props} value={clankerId} onChange={(event) => setForm({ ...form, clankerId: event.target.value })}>
            {active.map((runner) => (
              <option key={runner.id} value={runner.id}>
                {runner.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {mode.kind === 'revision' && (
        <Field label="What should change?" required error={errors.revisionMessage}>
          {(props) => (
            <Textarea
              {...props}
              rows={4}
              value={form.message}
              onChange={(event) => {
                setClientErrors((current) => without(current, 'revisionMessage'));
                setForm({ ...form, message: event.target.value });
              }}
              placeholder="Cover the mobile checkout too, and drop the section on caching."
            />
          )}
        </Field>
      )}
      <Field
        label="Extra instructions"
        error={errors.instructionFiles}
        hint="Optional: given to the agent as AGENTS.md for this run only."
      >
        {(props) => (
          <Textarea
            {...props}
            rows={3}
            value={form.instructions}
            onChange={(event) => setForm({ ...form, instructions: event.target.value })}
            className="font-mono text-xs"
          />
        )}
      </Field>
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={mutation.isPending}>
          {mode.kind === 'revision' ? 'Request changes' : 'Start run'}
        </Button>
      </div>
    </form>
  );
}

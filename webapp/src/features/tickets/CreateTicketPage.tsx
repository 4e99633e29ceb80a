import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import { PHASES, SEVERITIES, type MediaKind, type Severity, type WorkflowPhase } from '../../api/types';
import { Button, ButtonLink } from '../../components/ui/Button';
import { Card, CardBody } from '../../components/ui/Card';
import { Field, Input, Select, Textarea } from '../../components/ui/Field';
import { PageHeader } from '../../components/ui/PageHeader';
import { useTitle } from '../../lib/useTitle';
import { useCurrentProject } from '../projects/ProjectLayout';
import { ReadinessPanel } from '../projects/ReadinessPanel';
import { useCreateTicket } from './api';
import { PHASE_LABEL, SEVERITY_LABEL } from './labels';
import { checkMedia } from './media';
import { MediaInput } from './MediaInput';

type ClientErrors = Partial<Record<'title' | 'workflowOverrideReason' | MediaKind, string>>;

export function CreateTicketPage() {
  const project = useCurrentProject();
  useTitle(`New ticket · ${project.name}`);
  const navigate = useNavigate();
  const create = useCreateTicket();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [category, setCategory] = useState('General');
  const [phase, setPhase] = useState<WorkflowPhase>('research');
  const [reason, setReason] = useState('');
  const [screenshot, setScreenshot] = useState<File | null>(null);
  const [recording, setRecording] = useState<File | null>(null);
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const serverErrors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const errors: Record<string, string | undefined> = { ...serverErrors, ...clientErrors };
  const skipping = phase !== 'research';

  const pick = (kind: MediaKind, set: (file: File | null) => void) => (file: File | null) => {
    const problem = file ? checkMedia(kind, file) : undefined;
    setClientErrors((current) => ({ ...current, [kind]: problem }));
    set(problem ? null : file);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: ClientErrors = {
      title: title.trim() ? undefined : 'Give the ticket a title.',
      workflowOverrideReason:
        skipping && !reason.trim() ? `Say why this ticket skips ahead to ${PHASE_LABEL[phase].toLowerCase()}.` : undefined,
    };
    setClientErrors(problems);
    if (Object.values(problems).some(Boolean)) {
      return;
    }
    create.mutate(
      {
        projectId: project.id,
        title: title.trim(),
        description,
        severity,
        category: category.trim() || 'General',
        workflowPhase: phase,
        workflowOverrideReason: skipping ? reason.trim() : undefined,
        screenshot,
        recording,
      },
      {
        onSuccess: (ticket) => {
          toast.success('Ticket created');
          navigate(`/projects/${project.slug}/tickets/${ticket.id}`);
        },
      },
    );
  };

  return (
    <div className="grid gap-6 xl:grid-cols-3">
      <div className="xl:col-span-2">
        <PageHeader
          title="New ticket"
          description="Every new ticket starts in research: an agent studies the code and writes up what it finds before anyone plans a change."
          crumbs={[
            { label: 'Projects', to: '/' },
            { label: project.name, to: `/projects/${project.slug}` },
            { label: 'Tickets', to: `/projects/${project.slug}/tickets` },
            { label: 'New ticket' },
          ]}
        />
        <Card>
          <form onSubmit={submit} noValidate aria-label="New ticket">
            <CardBody className="space-y-5">
              <Field label="Title" required error={errors.title}>
                {(props) => (
                  <Input
                    {...props}
                    value={title}
                    maxLength={500}
                    onChange={(e) => setTitle(e.target.value)}
                    placeholder="Checkout button does nothing on Safari"
                    autoFocus
                  />
                )}
              </Field>
              <Field label="Description" error={errors.description} hint="What happened, what you expected, how to reproduce.">
                {(props) => (
                  <Textarea {...props} rows={6} value={description} onChange={(e) => setDescription(e.target.value)} />
                )}
              </Field>
              <div className="grid gap-5 sm:grid-cols-3">
                <Field label="Severity" error={errors.severity}>
                  {(props) => (
                    <Select {...props} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
                      {SEVERITIES.map((value) => (
                        <option key={value} value={value}>
                          {SEVERITY_LABEL[value]}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field label="Category" error={errors.category}>
                  {(props) => (
                    <Input {...props} value={category} maxLength={100} onChange={(e) => setCategory(e.target.value)} />
                  )}
                </Field>
                <Field label="Start in phase" error={errors.workflowPhase}>
                  {(props) => (
                    <Select {...props} value={phase} onChange={(e) => setPhase(e.target.value as WorkflowPhase)}>
                      {PHASES.map((value) => (
                        <option key={value} value={value}>
                          {PHASE_LABEL[value]}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              </div>
              {skipping && (
                <Field
                  label="Reason for skipping ahead"
                  required
                  error={errors.workflowOverrideReason}
                  hint="Starting after research is recorded with this reason."
                >
                  {(props) => (
                    <Textarea {...props} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
                  )}
                </Field>
              )}
              <div className="grid gap-5 sm:grid-cols-2">
                <MediaInput
                  kind="screenshot"
                  label="Screenshot"
                  file={screenshot}
                  error={errors.screenshot}
                  onChange={pick('screenshot', setScreenshot)}
                />
                <MediaInput
                  kind="recording"
                  label="Screen recording"
                  file={recording}
                  error={errors.recording}
                  onChange={pick('recording', setRecording)}
                />
              </div>
            </CardBody>
            <div className="flex justify-end gap-2 border-t border-zinc-200 px-5 py-3 dark:border-zinc-800">
              <ButtonLink to={`/projects/${project.slug}/tickets`} variant="secondary">
                Cancel
              </ButtonLink>
              <Button type="submit" loading={create.isPending}>
                Create ticket
              </Button>
            </div>
          </form>
        </Card>
      </div>
      <div className="xl:pt-24">
        <ReadinessPanel projectId={project.id} />
      </div>
    </div>
  );
}

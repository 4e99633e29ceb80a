import { useState, type FormEvent } from 'react';
import { Badge, type Tone } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { Field, Select, Textarea } from '../../components/ui/Field';
import { useRunners } from '../runners/api';
import {
  LIVE,
  permissionOptions,
  useLaunchSession,
  useSession,
  useSessionAction,
  useTicketSessions,
  type SessionMode,
  type SessionStatus,
  type TimelineEvent,
} from './api';
import { useSessionStream, type StreamFactory } from './useSessionStream';

const STATUS_TONE: Record<SessionStatus, Tone> = {
  active: 'blue',
  waiting_on_user: 'amber',
  waiting_on_approval: 'violet',
  completed: 'green',
  failed: 'red',
  cancelled: 'gray',
};

/**
 * "Collaborate live" on a ticket: start a research, planning or execution session with an agent, follow it as it
 * works, write in it with everyone else (messages sent while the agent works go with its next turn), answer its
 * questions and permission requests, or cancel it.
 */
export function CollaborateLivePanel({ ticketId, openStream }: { ticketId: string; openStream?: StreamFactory }) {
  const sessions = useTicketSessions(ticketId);
  const live = sessions.data?.find((s) => LIVE.includes(s.status));
  const latest = live ?? sessions.data?.[0];
  const [starting, setStarting] = useState(false);

  return (
    <Card>
      <CardHeader
        title="Collaborate live"
        description="Work with an agent on this ticket together, as it works."
        actions={
          latest && !live && !starting ? (
            <Button variant="secondary" size="sm" onClick={() => setStarting(true)}>
              New session
            </Button>
          ) : undefined
        }
      />
      <CardBody>
        {sessions.isPending ? (
          <p className="text-sm text-zinc-500">Loading sessions…</p>
        ) : !latest || starting ? (
          <LaunchForm ticketId={ticketId} onStarted={() => setStarting(false)} />
        ) : (
          <SessionView sessionId={latest.id} openStream={openStream} />
        )}
      </CardBody>
    </Card>
  );
}

function LaunchForm({ ticketId, onStarted }: { ticketId: string; onStarted: () => void }) {
  const runners = useRunners();
  const active = runners.data?.data.filter((r) => r.status === 'active') ?? [];
  const launch = useLaunchSession(ticketId);
  const [mode, setMode] = useState<SessionMode>('research');
  const [clankerId, setClankerId] = useState('');
  const [message, setMessage] = useState('');
  const runner = clankerId || active[0]?.id || '';

  function submit(event: FormEvent) {
    event.preventDefault();
    launch.mutate({ mode, clankerId: runner, message }, { onSuccess: onStarted });
  }

  return (
    <form className="space-y-3" onSubmit={submit}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Mode">
          {(props) => (
            <Select {...props} value={mode} onChange={(e) => setMode(e.target.value as SessionMode)}>
              <option value="research">Research</option>
              <option value="planning">Planning</option>
              <option value="execution">Execution</option>
            </Select>
          )}
        </Field>
        <Field label="Agent runner">
          {(props) => (
            <Select {...props} value={runner} onChange={(e) => setClankerId(e.target.value)}>
              {active.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Field label="First message" required>
        {(props) => <Textarea {...props} rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />}
      </Field>
      <Button type="submit" loading={launch.isPending} disabled={!runner || !message.trim()}>
        Start session
      </Button>
    </form>
  );
}

function SessionView({ sessionId, openStream }: { sessionId: string; openStream?: StreamFactory }) {
  const detail = useSession(sessionId);
  const stream = useSessionStream(sessionId, openStream);
  const act = useSessionAction(sessionId);
  const [text, setText] = useState('');
  const session = detail.data?.session;
  const pending = detail.data?.pendingRequest;
  const isLive = !!session && LIVE.includes(session.status);

  function send(event: FormEvent) {
    event.preventDefault();
    const body = text.trim();
    const action =
      session?.status === 'waiting_on_user'
        ? ({ kind: 'reply', body: { replyText: body } } as const)
        : ({ kind: 'message', body: { messageText: body } } as const);
    act.mutate(action, { onSuccess: () => setText('') });
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{session?.title}</span>
        {session && (
          <Badge tone={STATUS_TONE[session.status]} dot>
            {session.status.replaceAll('_', ' ')}
          </Badge>
        )}
        <span className="ml-auto text-xs text-zinc-500" aria-label="Watching now">
          {stream.watchers.length > 0 ? `Watching: ${stream.watchers.map((w) => w.userName).join(', ')}` : ''}
        </span>
      </div>

      <ol className="max-h-96 space-y-1.5 overflow-y-auto text-sm" aria-label="Session timeline">
        {stream.events.map((event) => (
          <li key={event.sequence} className="leading-relaxed">
            <TimelineLine event={event} />
          </li>
        ))}
      </ol>

      {pending?.requestType === 'approval' && isLive && (
        <div className="rounded-lg border border-violet-200 p-3 dark:border-violet-900" role="group" aria-label="Permission request">
          <p className="mb-2 text-sm">
            The agent asks: <strong>{pending.promptMarkdown}</strong>
          </p>
          <div className="flex flex-wrap gap-2">
            {permissionOptions(pending).map((option) => {
              const allows = option.kind.startsWith('allow');
              return (
                <Button
                  key={option.optionId}
                  size="sm"
                  variant={allows ? 'primary' : 'secondary'}
                  onClick={() => act.mutate({ kind: 'approve', body: { approved: allows, optionId: option.optionId } })}
                >
                  {option.name}
                </Button>
              );
            })}
          </div>
        </div>
      )}
      {pending?.requestType === 'input' && isLive && (
        <p className="rounded-lg border border-amber-200 p-3 text-sm dark:border-amber-900">
          The agent asks: <strong>{pending.promptMarkdown}</strong>
        </p>
      )}

      {isLive && (
        <form className="flex items-end gap-2" onSubmit={send}>
          <Field label={session?.status === 'waiting_on_user' ? 'Your answer' : 'Message'} className="flex-1">
            {(props) => <Textarea {...props} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          <Button type="submit" loading={act.isPending} disabled={!text.trim()}>
            Send
          </Button>
          <Button variant="secondary" onClick={() => act.mutate({ kind: 'cancel', body: {} })}>
            Cancel session
          </Button>
        </form>
      )}
      {stream.ended && <p className="text-xs text-zinc-500">The session has ended.</p>}
    </div>
  );
}

function TimelineLine({ event }: { event: TimelineEvent }) {
  const text = (field: string) => {
    const value = event.payload[field];
    return value === undefined || value === null ? '' : String(value);
  };
  switch (event.type) {
    case 'user_message':
      return (
        <span>
          <strong>{event.userName ?? text('author')}</strong>: {text('text')}
        </span>
      );
    case 'assistant_message':
      return <span className="text-zinc-800 dark:text-zinc-200">{text('text')}</span>;
    case 'reasoning':
    case 'progress':
      return <span className="text-zinc-500 italic">{text('text')}</span>;
    case 'tool_call_started':
      return <span className="font-mono text-xs text-zinc-500">▶ {text('toolName') || text('toolCallId')}</span>;
    case 'tool_call_completed':
      return <span className="font-mono text-xs text-zinc-500">✓ {text('toolName') || text('toolCallId')}</span>;
    case 'needs_approval':
      return <span className="text-violet-700 dark:text-violet-300">Permission asked: {text('prompt')}</span>;
    case 'approval_resolved':
      return (
        <span className="text-zinc-500">
          {event.payload.approved === true ? 'Allowed' : event.payload.approved === false ? 'Rejected' : 'Closed'}
          {text('decidedBy') ? ` by ${text('decidedBy')}` : ''}
        </span>
      );
    case 'artifact_updated':
      return <span className="text-green-700 dark:text-green-400">Saved {text('path')} as a new revision</span>;
    case 'turn_failed':
      return <span className="text-red-700 dark:text-red-400">Turn failed: {text('error')}</span>;
    default:
      return <span className="text-xs text-zinc-500">{event.type.replaceAll('_', ' ')}</span>;
  }
}

import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { Field, Textarea } from '../../components/ui/Field';
import { PlusIcon } from '../../components/ui/icons';
import { cn } from '../../lib/cn';
import { relativeTime } from '../../lib/format';
import { useAddComment, useEditDocument, useSetCommentStatus } from './api';
import type { DocumentPhase, PhaseComment } from './types';

export function documentLines(content: string): string[] {
  return content === '' ? [] : content.split('\n');
}

/** The document with `line` (1-based) replaced by `replacement` (which may span several lines). */
export function applySuggestion(content: string, line: number, replacement: string): string {
  const lines = documentLines(content);
  lines.splice(line - 1, 1, replacement);
  return lines.join('\n');
}

/**
 * The document's source, line by line, with the comments anchored to each line: add one (optionally suggesting
 * replacement text), resolve or reopen it, apply a suggestion. Comments whose line is gone are listed as outdated.
 */
export function LineComments({
  ticketId,
  phase,
  content,
  comments,
  editable,
}: {
  ticketId: string;
  phase: DocumentPhase;
  content: string;
  comments: PhaseComment[];
  /** Whether the document can be changed now (no run of the phase is rewriting it). */
  editable: boolean;
}) {
  const lines = documentLines(content);
  const [activeLine, setActiveLine] = useState<number | null>(null);
  const [showResolved, setShowResolved] = useState<Set<number>>(new Set());
  const byLine = new Map<number, PhaseComment[]>();
  for (const comment of comments) {
    if (comment.status === 'outdated') {
      continue;
    }
    byLine.set(comment.lineNumber, [...(byLine.get(comment.lineNumber) ?? []), comment]);
  }
  const outdated = comments.filter((comment) => comment.status === 'outdated');

  if (lines.length === 0) {
    return <p className="text-sm text-zinc-500">There is nothing to comment on yet.</p>;
  }

  return (
    <div>
      <p className="mb-3 text-xs text-zinc-500 dark:text-zinc-400">
        Press + next to a line to comment on it. Open comments go into the next revision run.
      </p>
      <ol
        className="overflow-hidden rounded-lg font-mono text-xs ring-1 ring-zinc-200 dark:ring-zinc-800"
        aria-label="Document source"
      >
        {lines.map((text, index) => {
          const line = index + 1;
          const thread = byLine.get(line) ?? [];
          const open = thread.filter((comment) => comment.status === 'open');
          const resolved = thread.filter((comment) => comment.status === 'resolved');
          const expanded = showResolved.has(line);
          return (
            <li key={line} className="border-b border-zinc-100 last:border-b-0 dark:border-zinc-800/70">
              <div
                className={cn(
                  'group flex items-start',
                  open.length > 0 ? 'bg-amber-50 dark:bg-amber-500/10' : 'hover:bg-zinc-50 dark:hover:bg-zinc-800/40',
                )}
              >
                <span className="w-10 shrink-0 py-1 pr-2 text-right text-zinc-400 select-none">{line}</span>
                <button
                  type="button"
                  aria-label={`Comment on line ${line}`}
                  onClick={() => setActiveLine(activeLine === line ? null : line)}
                  className="mt-0.5 rounded p-0.5 text-brand-600 opacity-0 group-hover:opacity-100 hover:bg-brand-100 focus:opacity-100 dark:hover:bg-brand-500/20"
                >
                  <PlusIcon className="size-3.5" />
                </button>
                <span className="min-w-0 flex-1 px-2 py-1 break-words whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">
                  {text || '\u00a0'}
                </span>
                {open.length > 0 && (
                  <span className="shrink-0 px-2 py-1 font-sans text-[11px] text-amber-700 dark:text-amber-300">
                    {open.length} open
                  </span>
                )}
              </div>
              {(open.length > 0 || resolved.length > 0 || activeLine === line) && (
                <div className="space-y-2 bg-zinc-50 px-4 py-3 font-sans dark:bg-zinc-950/40">
                  {open.map((comment) => (
                    <CommentCard
                      key={comment.id}
                      comment={comment}
                      ticketId={ticketId}
                      phase={phase}
                      content={content}
                      editable={editable}
                    />
                  ))}
                  {resolved.length > 0 && (
                    <button
                      type="button"
                      className="text-xs text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200"
                      aria-expanded={expanded}
                      onClick={() =>
                        setShowResolved((current) => {
                          const next = new Set(current);
                          if (next.has(line)) {
                            next.delete(line);
                          } else {
                            next.add(line);
                          }
                          return next;
                        })
                      }
                    >
                      {resolved.length} resolved · {expanded ? 'Hide' : 'Show'}
                    </button>
                  )}
                  {expanded &&
                    resolved.map((comment) => (
                      <CommentCard
                        key={comment.id}
                        comment={comment}
                        ticketId={ticketId}
                        phase={phase}
                        content={content}
                        editable={editable}
                      />
                    ))}
                  {activeLine === line && (
                    <CommentForm
                      ticketId={ticketId}
                      phase={phase}
                      line={line}
                      lineText={text}
                      onDone={() => setActiveLine(null)}
                    />
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {outdated.length > 0 && (
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">
            {outdated.length} outdated {outdated.length === 1 ? 'comment' : 'comments'} (their line is gone)
          </summary>
          <div className="mt-2 space-y-2">
            {outdated.map((comment) => (
              <CommentCard
                key={comment.id}
                comment={comment}
                ticketId={ticketId}
                phase={phase}
                content={content}
                editable={false}
              />
            ))}
          </div>
        </details>
      )}
    </div>
  );
}

function CommentCard({
  comment,
  ticketId,
  phase,
  content,
  editable,
}: {
  comment: PhaseComment;
  ticketId: string;
  phase: DocumentPhase;
  content: string;
  editable: boolean;
}) {
  const setStatus = useSetCommentStatus(ticketId, phase);
  const edit = useEditDocument(ticketId, phase);
  const resolved = comment.status === 'resolved';
  return (
    <article
      aria-label={`Comment on line ${comment.lineNumber}`}
      className={cn(
        'rounded-lg bg-white p-3 text-sm shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800',
        resolved && 'opacity-70',
      )}
    >
      <header className="mb-1 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
        <span className="font-medium text-zinc-700 dark:text-zinc-300">{comment.actor ?? 'Someone'}</span>
        <span>{relativeTime(comment.createdAt)}</span>
        {comment.status === 'resolved' && <Badge tone="green">Resolved</Badge>}
        {comment.status === 'outdated' && (
          <Badge tone="gray" title={`Was on line ${comment.lineNumber}: ${comment.lineText}`}>
            Outdated
          </Badge>
        )}
        {comment.suggestion !== undefined && comment.suggestion !== null && <Badge tone="violet">Suggestion</Badge>}
      </header>
      {comment.status === 'outdated' && (
        <p className="mb-1 font-mono text-xs text-zinc-500 line-through">{comment.lineText}</p>
      )}
      <p className="whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{comment.content}</p>
      {comment.suggestion !== undefined && comment.suggestion !== null && (
        <div className="mt-2 overflow-hidden rounded-md font-mono text-xs ring-1 ring-zinc-200 dark:ring-zinc-800">
          <p className="bg-red-50 px-2 py-1 text-red-800 dark:bg-red-500/10 dark:text-red-300">- {comment.lineText}</p>
          {comment.suggestion.split('\n').map((row, index) => (
            <p key={index} className="bg-emerald-50 px-2 py-1 text-emerald-800 dark:bg-emerald-500/10 dark:text-emerald-300">
              + {row}
            </p>
          ))}
        </div>
      )}
      {comment.status !== 'outdated' && (
        <div className="mt-2 flex gap-2">
          {comment.status === 'open' && comment.suggestion != null && (
            <Button
              size="sm"
              disabled={!editable}
              title={editable ? undefined : 'A run is rewriting the document'}
              loading={edit.isPending}
              onClick={() =>
                edit.mutate(applySuggestion(content, comment.lineNumber, comment.suggestion!), {
                  onSuccess: () =>
                    setStatus.mutate(
                      { id: comment.id, status: 'resolved' },
                      { onSuccess: () => toast.success('Suggestion applied') },
                    ),
                })
              }
            >
              Apply suggestion
            </Button>
          )}
          <Button
            size="sm"
            variant="secondary"
            loading={setStatus.isPending}
            onClick={() => setStatus.mutate({ id: comment.id, status: resolved ? 'open' : 'resolved' })}
          >
            {resolved ? 'Reopen' : 'Resolve'}
          </Button>
        </div>
      )}
    </article>
  );
}

function CommentForm({
  ticketId,
  phase,
  line,
  lineText,
  onDone,
}: {
  ticketId: string;
  phase: DocumentPhase;
  line: number;
  lineText: string;
  onDone: () => void;
}) {
  const add = useAddComment(ticketId, phase);
  const [text, setText] = useState('');
  const [suggesting, setSuggesting] = useState(false);
  const [suggestion, setSuggestion] = useState(lineText);
  const [clientError, setClientError] = useState<string | undefined>();
  const serverErrors = add.error instanceof ApiError ? add.error.fieldErrors() : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      setClientError('Write a comment');
      return;
    }
    setClientError(undefined);
    add.mutate(
      { lineNumber: line, content: text.trim(), suggestion: suggesting ? suggestion : undefined },
      {
        onSuccess: () => {
          toast.success(`Comment added to line ${line}`);
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={`New comment on line ${line}`}>
      <Field label={`Comment on line ${line}`} required error={clientError ?? serverErrors.content ?? serverErrors.lineNumber}>
        {(props) => (
          <Textarea
            {...props}
            rows={3}
            autoFocus
            value={text}
            onChange={(event) => {
              setClientError(undefined);
              setText(event.target.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
                submit(event);
              }
              if (event.key === 'Escape') {
                onDone();
              }
            }}
          />
        )}
      </Field>
      <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
        <input type="checkbox" checked={suggesting} onChange={(event) => setSuggesting(event.target.checked)} />
        Suggest replacement text for this line
      </label>
      {suggesting && (
        <Field label="Suggested text" error={serverErrors.suggestion}>
          {(props) => (
            <Textarea
              {...props}
              rows={2}
              value={suggestion}
              onChange={(event) => setSuggestion(event.target.value)}
              className="font-mono text-xs"
            />
          )}
        </Field>
      )}
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button size="sm" type="submit" loading={add.isPending}>
          Add comment
        </Button>
      </div>
    </form>
  );
}

import { diffLines } from 'diff';
import { useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../components/ui/Badge';
import { Field, Select } from '../../components/ui/Field';
import { cn } from '../../lib/cn';
import { formatDateTime, relativeTime } from '../../lib/format';
import type { PhaseRevision } from './types';

export interface DiffRow {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

/** A line diff from `before` to `after`, one row per line. */
export function lineDiff(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const part of diffLines(before, after)) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const text = part.value.endsWith('\n') ? part.value.slice(0, -1) : part.value;
    for (const line of text.split('\n')) {
      rows.push({ kind, text: line });
    }
  }
  return rows;
}

/** Every revision of the document, newest first; the chosen one is shown as a diff against an earlier one. */
export function RevisionHistory({ revisions, runsPath }: { revisions: PhaseRevision[]; runsPath: string }) {
  const [selectedNumber, setSelectedNumber] = useState<number | undefined>(revisions[0]?.number);
  const selected = revisions.find((revision) => revision.number === selectedNumber) ?? revisions[0];
  const earlier = revisions.filter((revision) => selected && revision.number < selected.number);
  const [againstNumber, setAgainstNumber] = useState<number | 'none' | undefined>(undefined);
  const against =
    againstNumber === 'none' ? undefined : earlier.find((revision) => revision.number === againstNumber) ?? earlier[0];

  if (!selected) {
    return <p className="text-sm text-zinc-500">No revisions yet: the first run or edit creates revision 1.</p>;
  }
  const rows = lineDiff(against?.content ?? '', selected.content);
  const added = rows.filter((row) => row.kind === 'added').length;
  const removed = rows.filter((row) => row.kind === 'removed').length;

  return (
    <div className="grid gap-4 lg:grid-cols-[15rem_1fr]">
      <ol className="space-y-1" aria-label="Revisions">
        {revisions.map((revision) => (
          <li key={revision.id}>
            <button
              type="button"
              aria-pressed={revision.number === selected.number}
              onClick={() => {
                setSelectedNumber(revision.number);
                setAgainstNumber(undefined);
              }}
              className={cn(
                'w-full rounded-lg px-3 py-2 text-left text-sm ring-1 ring-transparent transition',
                revision.number === selected.number
                  ? 'bg-brand-50 ring-brand-200 dark:bg-brand-500/10 dark:ring-brand-500/30'
                  : 'hover:bg-zinc-100 dark:hover:bg-zinc-800',
              )}
            >
              <span className="flex items-center justify-between gap-2">
                <span className="font-medium text-zinc-900 dark:text-zinc-100">Revision {revision.number}</span>
                <Badge tone={revision.source === 'agent' ? 'blue' : 'gray'}>
                  {revision.source === 'agent' ? 'Agent' : 'Edited'}
                </Badge>
              </span>
              <span className="mt-0.5 block text-xs text-zinc-500" title={formatDateTime(revision.createdAt)}>
                {revision.actor ? `${revision.actor} · ` : ''}
                {relativeTime(revision.createdAt)}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <div className="min-w-0">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <div className="text-sm">
            <p className="font-medium text-zinc-900 dark:text-zinc-100">
              Revision {selected.number}
              {against ? ` compared with revision ${against.number}` : ''}
            </p>
            <p className="text-xs text-zinc-500">
              <span className="text-emerald-700 dark:text-emerald-400">+{added}</span>{' '}
              <span className="text-red-700 dark:text-red-400">−{removed}</span>
              {selected.jobId && (
                <>
                  {' · '}
                  <Link to={`${runsPath}/${selected.jobId}`} className="text-brand-700 hover:underline dark:text-brand-400">
                    Written by run {selected.jobId.slice(0, 8)}
                  </Link>
                </>
              )}
            </p>
          </div>
          {earlier.length > 0 && (
            <Field label="Compare with" className="w-48">
              {(props) => (
                <Select
                  {...props}
                  value={against ? String(against.number) : 'none'}
                  onChange={(event) =>
                    setAgainstNumber(event.target.value === 'none' ? 'none' : Number(event.target.value))
                  }
                >
                  {earlier.map((revision) => (
                    <option key={revision.id} value={revision.number}>
                      Revision {revision.number}
                    </option>
                  ))}
                  <option value="none">Nothing (full text)</option>
                </Select>
              )}
            </Field>
          )}
        </div>
        <div
          className="max-h-[32rem] overflow-auto rounded-lg font-mono text-xs ring-1 ring-zinc-200 dark:ring-zinc-800"
          role="region"
          aria-label={`Changes in revision ${selected.number}`}
          tabIndex={0}
        >
          {rows.map((row, index) => (
            <div
              key={index}
              className={cn(
                'flex whitespace-pre-wrap break-words',
                row.kind === 'added' && 'bg-emerald-50 text-emerald-900 dark:bg-emerald-500/10 dark:text-emerald-200',
                row.kind === 'removed' && 'bg-red-50 text-red-900 line-through decoration-red-300 dark:bg-red-500/10 dark:text-red-200',
              )}
              data-diff={row.kind}
            >
              <span className="w-6 shrink-0 text-center text-zinc-400 select-none" aria-hidden="true">
                {row.kind === 'added' ? '+' : row.kind === 'removed' ? '−' : ' '}
              </span>
              <span className="sr-only">{row.kind === 'added' ? 'Added: ' : row.kind === 'removed' ? 'Removed: ' : ''}</span>
              <span className="min-w-0 flex-1 py-0.5 pr-3">{row.text || '\u00a0'}</span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

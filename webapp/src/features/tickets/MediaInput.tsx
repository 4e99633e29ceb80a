import { useEffect, useId, useMemo, useRef } from 'react';
import type { MediaKind } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { ImageIcon, VideoIcon, XIcon } from '../../components/ui/icons';
import { formatBytes } from '../../lib/format';
import { MEDIA_TYPES } from './media';

/** A file picker for one screenshot or recording, with a preview and the reason a file was refused. */
export function MediaInput({
  kind,
  label,
  file,
  error,
  onChange,
}: {
  kind: MediaKind;
  label: string;
  file: File | null;
  error?: string;
  onChange: (file: File | null) => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : undefined), [file]);
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);
  const Icon = kind === 'screenshot' ? ImageIcon : VideoIcon;

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        accept={MEDIA_TYPES[kind].join(',')}
        className="sr-only"
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          onChange(event.target.files?.[0] ?? null);
          event.target.value = '';
        }}
      />
      {file && preview ? (
        <div className="flex items-center gap-3 rounded-lg p-2 ring-1 ring-zinc-200 dark:ring-zinc-800">
          {kind === 'screenshot' ? (
            <img src={preview} alt="" className="size-16 rounded-md bg-zinc-100 object-cover dark:bg-zinc-800" />
          ) : (
            <video src={preview} className="h-16 w-24 rounded-md bg-black object-cover" muted />
          )}
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium text-zinc-800 dark:text-zinc-200">{file.name}</p>
            <p className="text-xs text-zinc-500">{formatBytes(file.size)}</p>
          </div>
          <Button variant="ghost" size="sm" onClick={() => onChange(null)} aria-label={`Remove ${label.toLowerCase()}`}>
            <XIcon />
          </Button>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => input.current?.click()}
          className="flex w-full items-center gap-3 rounded-lg border border-dashed border-zinc-300 px-4 py-3 text-left text-sm text-zinc-600 hover:border-brand-400 hover:bg-brand-50/40 dark:border-zinc-700 dark:text-zinc-400 dark:hover:bg-brand-500/5"
        >
          <Icon className="size-5 text-zinc-400" />
          <span>
            <span className="font-medium text-brand-700 dark:text-brand-400">Choose a file</span>
            <span id={`${id}-hint`} className="block text-xs text-zinc-500">
              {kind === 'screenshot' ? 'PNG, JPEG, GIF or WebP' : 'MP4, WebM or QuickTime'}, up to 10 MB
            </span>
          </span>
        </button>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

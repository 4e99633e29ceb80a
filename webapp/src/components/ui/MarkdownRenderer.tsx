import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { cn } from '../../lib/cn';

/**
 * Markdown written by agents and people, rendered as React elements: raw HTML in the source is dropped (never
 * injected), and link and image URLs go through react-markdown's default filter, which refuses `javascript:` and other
 * unsafe protocols. GitHub-flavoured tables, task lists and strikethrough are supported.
 */
const components: Components = {
  h1: ({ node: _node, ...props }) => <h1 className="mt-6 mb-3 text-xl font-semibold first:mt-0" {...props} />,
  h2: ({ node: _node, ...props }) => <h2 className="mt-6 mb-2 text-lg font-semibold first:mt-0" {...props} />,
  h3: ({ node: _node, ...props }) => <h3 className="mt-5 mb-2 text-base font-semibold first:mt-0" {...props} />,
  h4: ({ node: _node, ...props }) => <h4 className="mt-4 mb-2 text-sm font-semibold first:mt-0" {...props} />,
  p: ({ node: _node, ...props }) => <p className="my-3 leading-relaxed first:mt-0 last:mb-0" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="my-3 list-disc space-y-1 pl-6" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="my-3 list-decimal space-y-1 pl-6" {...props} />,
  li: ({ node: _node, ...props }) => <li className="leading-relaxed" {...props} />,
  a: ({ node: _node, ...props }) => (
    <a className="text-brand-700 underline hover:text-brand-800 dark:text-brand-400" target="_blank" rel="noreferrer noopener" {...props} />
  ),
  blockquote: ({ node: _node, ...props }) => (
    <blockquote className="my-3 border-l-4 border-zinc-300 pl-4 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400" {...props} />
  ),
  code: ({ node: _node, className, ...props }) => (
    <code
      className={cn(
        'rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-zinc-800',
        '[pre_&]:bg-transparent [pre_&]:p-0',
        className,
      )}
      {...props}
    />
  ),
  pre: ({ node: _node, ...props }) => (
    <pre className="my-3 overflow-x-auto rounded-lg bg-zinc-100 p-3 font-mono text-xs leading-relaxed dark:bg-zinc-950" {...props} />
  ),
  table: ({ node: _node, ...props }) => (
    <div className="my-3 overflow-x-auto">
      <table className="min-w-full border-collapse text-sm" {...props} />
    </div>
  ),
  th: ({ node: _node, ...props }) => (
    <th className="border border-zinc-200 bg-zinc-50 px-3 py-1.5 text-left font-semibold dark:border-zinc-700 dark:bg-zinc-800" {...props} />
  ),
  td: ({ node: _node, ...props }) => <td className="border border-zinc-200 px-3 py-1.5 dark:border-zinc-700" {...props} />,
  hr: ({ node: _node, ...props }) => <hr className="my-6 border-zinc-200 dark:border-zinc-800" {...props} />,
  img: ({ node: _node, alt, ...props }) => <img alt={alt ?? ''} className="my-3 max-w-full rounded" loading="lazy" {...props} />,
};

export default function MarkdownRenderer({ source, className }: { source: string; className?: string }) {
  return (
    <div className={cn('text-sm text-zinc-800 dark:text-zinc-200', className)}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
        {source}
      </ReactMarkdown>
    </div>
  );
}

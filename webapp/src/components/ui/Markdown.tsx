import { lazy, Suspense } from 'react';
import { LoadingBlock } from './States';

// the markdown parser is the largest part of the bundle: it loads with the first document shown
const MarkdownRenderer = lazy(() => import('./MarkdownRenderer'));

/** Markdown rendered safely (see MarkdownRenderer): raw HTML dropped, unsafe link protocols refused. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <Suspense fallback={<LoadingBlock lines={4} />}>
      <MarkdownRenderer source={source} className={className} />
    </Suspense>
  );
}

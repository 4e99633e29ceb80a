import { useEffect } from 'react';

/** Sets the page title as `<title> | Viberglass`. */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} | Viberglass` : 'Viberglass';
  }, [title]);
}

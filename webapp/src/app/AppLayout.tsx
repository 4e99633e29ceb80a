import * as RadixDialog from '@radix-ui/react-dialog';
import { useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { MenuIcon, XIcon } from '../components/ui/icons';
import { Sidebar } from './Sidebar';

/** The shell: a fixed sidebar on laptop widths and up, a drawer below that, and the page. */
export function AppLayout() {
  const { slug } = useParams();
  const projectSlug = slug && slug !== 'new' ? slug : undefined;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 z-30 hidden w-64 border-r border-zinc-200 bg-white lg:block dark:border-zinc-800 dark:bg-zinc-900">
        <Sidebar projectSlug={projectSlug} />
      </aside>

      <div className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b border-zinc-200 bg-white/90 px-4 backdrop-blur lg:hidden dark:border-zinc-800 dark:bg-zinc-900/90">
        <RadixDialog.Root open={drawerOpen} onOpenChange={setDrawerOpen}>
          <RadixDialog.Trigger
            className="rounded-md p-2 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            aria-label="Open navigation"
          >
            <MenuIcon className="size-5" />
          </RadixDialog.Trigger>
          <RadixDialog.Portal>
            <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/40" />
            <RadixDialog.Content className="fixed inset-y-0 left-0 z-50 w-72 bg-white shadow-xl dark:bg-zinc-900">
              <RadixDialog.Title className="sr-only">Navigation</RadixDialog.Title>
              <RadixDialog.Description className="sr-only">Projects and platform sections</RadixDialog.Description>
              <RadixDialog.Close
                className="absolute top-3 right-3 rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                aria-label="Close navigation"
              >
                <XIcon className="size-5" />
              </RadixDialog.Close>
              <Sidebar projectSlug={projectSlug} />
            </RadixDialog.Content>
          </RadixDialog.Portal>
        </RadixDialog.Root>
        <Link to="/" className="text-sm font-semibold">
          Viberglass
        </Link>
      </div>

      <main id="main" className="lg:pl-64">
        <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6 lg:px-10">
          <Outlet />
        </div>
      </main>
    </div>
  );
}

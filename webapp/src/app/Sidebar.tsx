import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import {
  CheckIcon,
  ChevronDownIcon,
  ClockIcon,
  CogIcon,
  CpuIcon,
  FolderIcon,
  HomeIcon,
  KeyIcon,
  MonitorIcon,
  MoonIcon,
  PlayIcon,
  PlugIcon,
  PlusIcon,
  ShieldIcon,
  SunIcon,
  TicketIcon,
  UsersIcon,
} from '../components/ui/icons';
import { useMe } from '../features/auth/api';
import { UserMenu } from '../features/auth/UserMenu';
import { useProjects } from '../features/projects/api';
import { cn } from '../lib/cn';
import type { ThemeChoice } from './theme';
import { useThemeChoice } from './useThemeChoice';

export function Sidebar({ projectSlug }: { projectSlug: string | undefined }) {
  const me = useMe();
  // administration pages a member could not use are left out; authentication off means the local administrator
  const isAdmin = !me.data || me.data.user.role === 'admin';
  return (
    <div className="flex h-full flex-col">
      <Link to="/" className="flex h-16 shrink-0 items-center gap-2.5 px-5">
        <Logo />
        <span className="text-[15px] font-semibold tracking-tight text-zinc-900 dark:text-white">Viberglass</span>
      </Link>
      <div className="px-3">
        <ProjectSwitcher current={projectSlug} />
      </div>
      <nav className="mt-4 flex-1 space-y-6 overflow-y-auto px-3 pb-4" aria-label="Main">
        {projectSlug && (
          <NavSection title="Project">
            <Item to={`/projects/${projectSlug}`} end icon={<HomeIcon />}>
              Overview
            </Item>
            <Item to={`/projects/${projectSlug}/tickets`} icon={<TicketIcon />}>
              Tickets
            </Item>
            <Item to={`/projects/${projectSlug}/runs`} icon={<PlayIcon />}>
              Runs
            </Item>
            <Item to={`/projects/${projectSlug}/schedules`} icon={<ClockIcon />}>
              Schedules
            </Item>
            <Item to={`/projects/${projectSlug}/settings`} icon={<CogIcon />}>
              Settings
            </Item>
          </NavSection>
        )}
        <NavSection title="Platform">
          <Item to="/" end icon={<FolderIcon />}>
            Projects
          </Item>
          <Item to="/runners" icon={<CpuIcon />}>
            Agent runners
          </Item>
          <Item to="/secrets" icon={<KeyIcon />}>
            Secrets
          </Item>
          <Item to="/integrations" icon={<PlugIcon />}>
            Integrations
          </Item>
          {isAdmin && (
            <Item to="/settings/users" icon={<UsersIcon />}>
              Users
            </Item>
          )}
          <Item to="/settings/api-tokens" icon={<KeyIcon />}>
            API tokens
          </Item>
          {isAdmin && (
            <Item to="/settings/audit" icon={<ShieldIcon />}>
              Audit log
            </Item>
          )}
        </NavSection>
      </nav>
      <div className="border-t border-zinc-200 p-3 dark:border-zinc-800">
        <UserMenu />
        <ThemeMenu />
      </div>
    </div>
  );
}

function Logo() {
  return (
    <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <path
        d="M9 10l7 13 7-13"
        fill="none"
        stroke="white"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function NavSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <h2 className="px-2 pb-1.5 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-500">
        {title}
      </h2>
      <ul className="space-y-0.5">{children}</ul>
    </div>
  );
}

function Item({
  to,
  icon,
  children,
  end,
}: {
  to: string;
  icon: ReactNode;
  children: ReactNode;
  end?: boolean;
}) {
  return (
    <li>
      <NavLink
        to={to}
        end={end}
        className={({ isActive }) =>
          cn(
            'flex items-center gap-2.5 rounded-lg px-2 py-1.5 text-sm font-medium transition-colors',
            isActive
              ? 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-white'
              : 'text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-white',
          )
        }
      >
        <span>{icon}</span>
        <span className="flex-1">{children}</span>
      </NavLink>
    </li>
  );
}

const menuContent =
  'z-50 min-w-56 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800';
const menuItem =
  'flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm text-zinc-700 outline-none select-none ' +
  'data-[highlighted]:bg-zinc-100 data-[highlighted]:text-zinc-900 dark:text-zinc-300 ' +
  'dark:data-[highlighted]:bg-zinc-800 dark:data-[highlighted]:text-white';

function ProjectSwitcher({ current }: { current: string | undefined }) {
  const projects = useProjects();
  const list = projects.data?.data ?? [];
  const active = list.find((project) => project.slug === current);
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex w-full items-center gap-2 rounded-lg px-2.5 py-2 text-left text-sm ring-1 ring-zinc-200 hover:bg-zinc-50 dark:ring-zinc-800 dark:hover:bg-zinc-800/60"
        aria-label="Switch project"
      >
        {active || current ? (
          <ProjectAvatar name={active?.name ?? current ?? ''} />
        ) : (
          <FolderIcon className="size-5 text-zinc-500" />
        )}
        <span className="min-w-0 flex-1 truncate font-medium text-zinc-800 dark:text-zinc-100">
          {active?.name ?? (current ? current : 'All projects')}
        </span>
        <ChevronDownIcon className="size-4 text-zinc-400" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className={menuContent} align="start" sideOffset={6}>
          <DropdownMenu.Item asChild className={menuItem}>
            <Link to="/">
              <FolderIcon /> All projects
            </Link>
          </DropdownMenu.Item>
          {list.length > 0 && <DropdownMenu.Separator className="my-1 h-px bg-zinc-200 dark:bg-zinc-800" />}
          {list.map((project) => (
            <DropdownMenu.Item key={project.id} asChild className={menuItem}>
              <Link to={`/projects/${project.slug}`}>
                <ProjectAvatar name={project.name} />
                <span className="flex-1 truncate">{project.name}</span>
                {project.slug === current && <CheckIcon className="size-4 text-brand-600" />}
              </Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-200 dark:bg-zinc-800" />
          <DropdownMenu.Item asChild className={menuItem}>
            <Link to="/projects/new">
              <PlusIcon /> New project…
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

const AVATAR_COLOURS = ['bg-brand-600', 'bg-sky-600', 'bg-violet-600', 'bg-emerald-600', 'bg-rose-600', 'bg-amber-600'];

export function ProjectAvatar({ name, size = 'sm' }: { name: string; size?: 'sm' | 'lg' }) {
  let hash = 0;
  for (const char of name) {
    hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  }
  return (
    <span
      aria-hidden="true"
      className={cn(
        'flex shrink-0 items-center justify-center rounded-md font-semibold text-white',
        AVATAR_COLOURS[hash % AVATAR_COLOURS.length],
        size === 'sm' ? 'size-5 text-[11px]' : 'size-10 text-base',
      )}
    >
      {name.trim().charAt(0).toUpperCase() || '?'}
    </span>
  );
}

const THEMES: { value: ThemeChoice; label: string; icon: ReactNode }[] = [
  { value: 'light', label: 'Light', icon: <SunIcon /> },
  { value: 'dark', label: 'Dark', icon: <MoonIcon /> },
  { value: 'system', label: 'System', icon: <MonitorIcon /> },
];

function ThemeMenu() {
  const { choice, resolved, setChoice } = useThemeChoice();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex w-full items-center gap-2.5 rounded-lg px-2 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-50 dark:text-zinc-400 dark:hover:bg-zinc-800/60"
        aria-label="Theme"
      >
        {resolved === 'dark' ? <MoonIcon /> : <SunIcon />}
        <span className="flex-1 text-left">Theme</span>
        <span className="text-xs text-zinc-400">{THEMES.find((theme) => theme.value === choice)?.label}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className={menuContent} side="top" align="start" sideOffset={6}>
          <DropdownMenu.RadioGroup value={choice} onValueChange={(value) => setChoice(value as ThemeChoice)}>
            {THEMES.map((theme) => (
              <DropdownMenu.RadioItem key={theme.value} value={theme.value} className={menuItem}>
                {theme.icon}
                <span className="flex-1">{theme.label}</span>
                <DropdownMenu.ItemIndicator>
                  <CheckIcon className="size-4 text-brand-600" />
                </DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

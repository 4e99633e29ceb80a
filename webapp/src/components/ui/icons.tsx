import type { SVGProps } from 'react';

/** A few outline icons (24×24, stroke 1.75), drawn here to keep the bundle free of an icon library. */
function Icon({ children, ...props }: SVGProps<SVGSVGElement>) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className="size-4 shrink-0"
      {...props}
    >
      {children}
    </svg>
  );
}

type P = SVGProps<SVGSVGElement>;
export const HomeIcon = (p: P) => (<Icon {...p}><path d="M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z" /></Icon>);
export const TicketIcon = (p: P) => (<Icon {...p}><path d="M3 8a2 2 0 0 0 0 4v4a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-4a2 2 0 0 1 0-4V6a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2z" /><path d="M13 5v2m0 4v2m0 4v2" /></Icon>);
export const PlayIcon = (p: P) => (<Icon {...p}><path d="m7 4 13 8-13 8z" /></Icon>);
export const ClockIcon = (p: P) => (<Icon {...p}><circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" /></Icon>);
export const CogIcon = (p: P) => (<Icon {...p}><circle cx="12" cy="12" r="3" /><path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" /></Icon>);
export const CpuIcon = (p: P) => (<Icon {...p}><rect x="6" y="6" width="12" height="12" rx="2" /><path d="M9 2v4m6-4v4M9 18v4m6-4v4M2 9h4m-4 6h4m12-6h4m-4 6h4" /></Icon>);
export const KeyIcon = (p: P) => (<Icon {...p}><circle cx="8" cy="15" r="4" /><path d="m10.8 12.2 8.7-8.7M17 6l3 3M15 8l2 2" /></Icon>);
export const PlugIcon = (p: P) => (<Icon {...p}><path d="M9 2v6m6-6v6M6 8h12v4a6 6 0 0 1-12 0zM12 18v4" /></Icon>);
export const UsersIcon = (p: P) => (<Icon {...p}><circle cx="9" cy="8" r="4" /><path d="M2 21a7 7 0 0 1 14 0M16 3.5a4 4 0 0 1 0 9M22 21a7 7 0 0 0-4-6.3" /></Icon>);
export const FolderIcon = (p: P) => (<Icon {...p}><path d="M3 6a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" /></Icon>);
export const PlusIcon = (p: P) => (<Icon {...p}><path d="M12 5v14M5 12h14" /></Icon>);
export const ChevronDownIcon = (p: P) => (<Icon {...p}><path d="m6 9 6 6 6-6" /></Icon>);
export const CheckIcon = (p: P) => (<Icon {...p}><path d="m5 12 5 5 9-11" /></Icon>);
export const SunIcon = (p: P) => (<Icon {...p}><circle cx="12" cy="12" r="4" /><path d="M12 2v2m0 16v2M4.9 4.9l1.4 1.4m11.4 11.4 1.4 1.4M2 12h2m16 0h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" /></Icon>);
export const MoonIcon = (p: P) => (<Icon {...p}><path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" /></Icon>);
export const MonitorIcon = (p: P) => (<Icon {...p}><rect x="2" y="4" width="20" height="13" rx="2" /><path d="M8 21h8m-4-4v4" /></Icon>);
export const MenuIcon = (p: P) => (<Icon {...p}><path d="M4 6h16M4 12h16M4 18h16" /></Icon>);
export const SearchIcon = (p: P) => (<Icon {...p}><circle cx="11" cy="11" r="7" /><path d="m20 20-3.5-3.5" /></Icon>);
export const TableIcon = (p: P) => (<Icon {...p}><rect x="3" y="4" width="18" height="16" rx="2" /><path d="M3 10h18M3 15h18M9 4v16" /></Icon>);
export const BoardIcon = (p: P) => (<Icon {...p}><rect x="3" y="4" width="18" height="16" rx="2" /><path d="M9 4v16M15 4v16" /></Icon>);
export const ArchiveIcon = (p: P) => (<Icon {...p}><rect x="3" y="4" width="18" height="4" rx="1" /><path d="M5 8v11a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8M10 12h4" /></Icon>);
export const AlertIcon = (p: P) => (<Icon {...p}><path d="M12 3 2 20h20z" /><path d="M12 10v4m0 3h.01" /></Icon>);
export const CircleCheckIcon = (p: P) => (<Icon {...p}><circle cx="12" cy="12" r="9" /><path d="m8 12 3 3 5-6" /></Icon>);
export const CircleIcon = (p: P) => (<Icon {...p}><circle cx="12" cy="12" r="9" /></Icon>);
export const ImageIcon = (p: P) => (<Icon {...p}><rect x="3" y="4" width="18" height="16" rx="2" /><circle cx="9" cy="10" r="2" /><path d="m21 16-5-5-9 9" /></Icon>);
export const VideoIcon = (p: P) => (<Icon {...p}><rect x="2" y="6" width="14" height="12" rx="2" /><path d="m16 10 6-3v10l-6-3" /></Icon>);
export const XIcon = (p: P) => (<Icon {...p}><path d="M6 6l12 12M18 6 6 18" /></Icon>);
export const CopyIcon = (p: P) => (<Icon {...p}><rect x="8" y="8" width="13" height="13" rx="2" /><path d="M16 8V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h3" /></Icon>);
export const GitIcon = (p: P) => (<Icon {...p}><circle cx="6" cy="6" r="2.5" /><circle cx="6" cy="18" r="2.5" /><circle cx="18" cy="8" r="2.5" /><path d="M6 8.5v7M18 10.5c0 4-6 3-10.5 6.5" /></Icon>);
export const ShieldIcon = (p: P) => (<Icon {...p}><path d="M12 3 4 6v6c0 5 3.5 8 8 9 4.5-1 8-4 8-9V6z" /><path d="m9 12 2 2 4-4" /></Icon>);

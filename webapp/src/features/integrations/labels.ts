import type { Tone } from '../../components/ui/Badge';
import type { DeliveryStatus, IntegrationSystem } from './api';

export const SYSTEM_LABEL: Record<IntegrationSystem, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  jira: 'Jira',
  shortcut: 'Shortcut',
  slack: 'Slack',
  custom: 'Custom webhook',
};

export const CATEGORY_LABEL: Record<string, string> = { scm: 'Source control', ticketing: 'Ticketing', inbound: 'Inbound' };

export const DELIVERY_TONE: Record<DeliveryStatus, Tone> = {
  received: 'blue',
  processing: 'blue',
  processed: 'green',
  ignored: 'gray',
  failed: 'red',
};

export const OUTBOX_TONE: Record<string, Tone> = { pending: 'blue', delivered: 'green', dead: 'red' };

/** `projectPath` → `Project path`, `apiUrl` → `API URL`. */
export function settingLabel(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((word) => (/^(url|api|id)$/i.test(word) ? word.toUpperCase() : word.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { sessionKeys, type TimelineEvent } from './api';

export interface Watcher {
  userId?: string | null;
  userName: string;
}

/** Opens an event stream; a test passes its own. */
export type StreamFactory = (url: string) => EventSource;

const browserStream: StreamFactory = (url) => new EventSource(url, { withCredentials: true });

/** Events after which the session's status or open request changed: its detail is read again. */
const CHANGES = new Set([
  'turn_started',
  'turn_completed',
  'turn_failed',
  'needs_input',
  'needs_approval',
  'approval_resolved',
  'artifact_updated',
  'session_completed',
  'session_failed',
  'session_cancelled',
]);

/**
 * Follows a session's timeline live over server-sent events. The browser's EventSource reconnects by itself with
 * `Last-Event-ID` (also after the platform cut a client that fell behind), and the platform resumes right after it,
 * so no event is lost; events are still kept by sequence, so none shows twice. Stops at the `end` event.
 */
export function useSessionStream(sessionId: string | undefined, open: StreamFactory = browserStream) {
  const client = useQueryClient();
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [watchers, setWatchers] = useState<Watcher[]>([]);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    if (!sessionId) {
      return undefined;
    }
    setEvents([]);
    setWatchers([]);
    setEnded(false);
    const source = open(`/api/agent-sessions/${sessionId}/events/stream`);
    source.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as TimelineEvent;
      if (event.ephemeral) {
        if (event.type === 'presence_update') {
          setWatchers(((event.payload.users as Watcher[] | undefined) ?? []).slice());
        }
        return;
      }
      setEvents((known) =>
        known.some((e) => e.sequence === event.sequence)
          ? known
          : [...known, event].sort((a, b) => a.sequence - b.sequence),
      );
      if (CHANGES.has(event.type)) {
        void client.invalidateQueries({ queryKey: sessionKeys.all });
      }
    };
    source.addEventListener('end', () => {
      setEnded(true);
      source.close();
    });
    return () => source.close();
  }, [sessionId, open, client]);

  return { events, watchers, ended };
}

import { useEffect, useRef } from 'react';
import type { RunStatus } from '../../api/types';
import { Badge, type Tone } from '../../components/ui/Badge';
import { isLive } from '../runs/api';
import type { ApprovalState } from './types';

const APPROVAL_LABEL: Record<ApprovalState, string> = {
  draft: 'Draft',
  approval_requested: 'Approval requested',
  approved: 'Approved',
  rejected: 'Changes requested',
};
const APPROVAL_TONE: Record<ApprovalState, Tone> = {
  draft: 'gray',
  approval_requested: 'violet',
  approved: 'green',
  rejected: 'red',
};

export function ApprovalBadge({ state }: { state: ApprovalState }) {
  return (
    <Badge tone={APPROVAL_TONE[state]} dot>
      {APPROVAL_LABEL[state]}
    </Badge>
  );
}

/** Calls `onFinished` once when a run seen queued or running is seen ended. */
export function useOnRunFinished(status: RunStatus | undefined, onFinished: (status: RunStatus) => void) {
  const previous = useRef(status);
  const callback = useRef(onFinished);
  useEffect(() => {
    callback.current = onFinished;
  });
  useEffect(() => {
    const before = previous.current;
    previous.current = status;
    if (before && status && isLive(before) && !isLive(status)) {
      callback.current(status);
    }
  }, [status]);
}

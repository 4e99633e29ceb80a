import type { Schemas, WithRequired } from '../../api/schema';

export type DocumentPhase = 'research' | 'planning';

export type PhaseDocument = WithRequired<
  Schemas['DocumentView'],
  'ticketId' | 'phase' | 'content' | 'revision' | 'approvalState'
>;
export type ApprovalState = PhaseDocument['approvalState'];
export type PhaseRun = WithRequired<Schemas['PhaseRun'], 'id' | 'phase' | 'jobId' | 'status' | 'createdAt'>;
export type PhaseView = { document: PhaseDocument; latestRun?: PhaseRun | null };
export type PhaseRevision = WithRequired<
  Schemas['PhaseRevision'],
  'id' | 'phase' | 'number' | 'content' | 'source' | 'createdAt'
>;
export type PhaseComment = WithRequired<
  Schemas['PhaseComment'],
  'id' | 'phase' | 'revision' | 'lineNumber' | 'lineText' | 'content' | 'status' | 'createdAt'
>;
export type CommentStatus = PhaseComment['status'];
export type ApprovalEvent = WithRequired<Schemas['ApprovalEvent'], 'action' | 'createdAt'>;
export type WorkflowView = Schemas['WorkflowView'];
export type RunRequest = Schemas['RunRequest'];
export type RevisionRequest = Schemas['RevisionRequest'];
export type RunFile = Schemas['RunFile'];

/** What the platform answers when it queued a run (202). */
export interface StartedRun {
  id: string;
  jobId: string;
  kind: string;
  status: string;
  createdAt: string;
}

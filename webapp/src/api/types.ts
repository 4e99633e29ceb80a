/**
 * Types of the API's bodies, derived from the generated OpenAPI types (schema.gen.ts, from openapi.json, which a
 * platform test keeps equal to the served /api/openapi.json). The description marks no property as required, so the
 * fields the platform always writes are made required here; naming a field the schema lacks is a compile error.
 */
import type { components } from './schema.gen';

type Schemas = components['schemas'];
type WithRequired<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };

export type Project = WithRequired<
  Schemas['ProjectView'],
  'id' | 'name' | 'slug' | 'autoFixEnabled' | 'autoFixTags' | 'archived' | 'createdAt' | 'updatedAt'
>;
export type CreateProjectRequest = Schemas['CreateProjectRequest'];
export type UpdateProjectRequest = Schemas['UpdateProjectRequest'];
export type DeletionSummary = WithRequired<Schemas['DeletionSummary'], 'projectId' | 'name' | 'tickets' | 'media'>;
export type ReadinessCheck = WithRequired<Schemas['Check'], 'key' | 'label' | 'state'>;
export type Readiness = Omit<WithRequired<Schemas['Readiness'], 'projectId' | 'automationAvailable'>, 'checks'> & {
  checks: ReadinessCheck[];
};
export type ScmConfig = WithRequired<Schemas['ScmConfig'], 'projectId' | 'provider' | 'repositoryUrl' | 'baseBranch'>;
export type ScmConfigRequest = Schemas['ScmConfigRequest'];
export type ScmProvider = NonNullable<Schemas['ScmConfig']['provider']>;

export type MediaView = WithRequired<Schemas['MediaView'], 'id' | 'kind' | 'filename' | 'mimeType' | 'size' | 'url'>;
export type Ticket = Omit<
  WithRequired<
    Schemas['TicketView'],
    | 'id'
    | 'projectId'
    | 'title'
    | 'description'
    | 'severity'
    | 'category'
    | 'status'
    | 'workflowPhase'
    | 'archived'
    | 'autoFixRequested'
    | 'createdAt'
    | 'updatedAt'
  >,
  'media'
> & { media?: MediaView[] };
export type UpdateTicketRequest = Schemas['UpdateTicketRequest'];
export type TicketStats = WithRequired<
  Schemas['TicketStats'],
  'total' | 'open' | 'inProgress' | 'inReview' | 'resolved' | 'byPhase' | 'bySeverity' | 'byCategory' | 'autoFix'
>;
export type BulkResult = Schemas['BulkResult'];

export type Severity = Ticket['severity'];
export type LifecycleStatus = Ticket['status'];
export type WorkflowPhase = Ticket['workflowPhase'];
export type MediaKind = MediaView['kind'];
export type ArchivedFilter = 'exclude' | 'only' | 'include';

export interface Pagination {
  limit: number;
  offset: number;
  count: number;
  total: number;
}

/** A page of a list: `{data, pagination}`. */
export interface Page<T> {
  data: T[];
  pagination: Pagination;
}

// The value lists the UI offers, typed against the schema so that a renamed wire id fails the build.
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const satisfies readonly Severity[];
export const STATUSES = ['open', 'in_progress', 'in_review', 'resolved'] as const satisfies readonly LifecycleStatus[];
export const PHASES = ['research', 'planning', 'execution'] as const satisfies readonly WorkflowPhase[];
export const SCM_PROVIDERS = ['github', 'gitlab', 'bitbucket', 'git'] as const satisfies readonly ScmProvider[];

export type Run = WithRequired<Schemas['JobView'], 'id' | 'kind' | 'status' | 'projectId' | 'attempt' | 'createdAt'>;
export type RunStatus = Run['status'];
export type RunKind = Run['kind'];
export type RunProgress = Schemas['JobProgress'];
export type RunLog = Schemas['JobLog'];
export type QueueStats = Schemas['QueueStats'];
export type Runner = WithRequired<
  Schemas['ClankerView'],
  'id' | 'name' | 'slug' | 'agent' | 'deploymentStrategy' | 'status' | 'createdAt'
>;
export type RunnerStatus = Runner['status'];

export const RUN_STATUSES = ['queued', 'active', 'completed', 'failed', 'cancelled'] as const satisfies readonly RunStatus[];

export type Usage = WithRequired<
  Schemas['UsageView'],
  | 'requests'
  | 'inputTokens'
  | 'outputTokens'
  | 'cachedInputTokens'
  | 'cacheWriteTokens'
  | 'costUsd'
  | 'unpricedRequests'
  | 'unmeteredRequests'
>;
export type RunnerCostControls = WithRequired<Schemas['CostControlsView'], 'clankerId' | 'modelBroker' | 'brokered' | 'warnings'>;
export type RunnerCostControlsRequest = Schemas['CostControlsRequest'];
export type ProjectCostControls = WithRequired<Schemas['ProjectCostControls'], 'projectId'>;
export type ProjectCostControlsRequest = Schemas['ProjectCostControlsRequest'];

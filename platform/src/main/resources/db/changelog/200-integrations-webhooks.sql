--liquibase formatted sql

--changeset viberglass:200-integrations
-- an integration is one connection to an outside system; its API token is a row of secrets (write-only)
create table integrations (
    id uuid primary key,
    name varchar(255) not null,
    system varchar(50) not null check (system in ('github', 'gitlab', 'jira', 'shortcut', 'slack', 'custom')),
    config jsonb not null default '{}',
    token_secret_id uuid references secrets (id) on delete restrict,
    -- the secret was created from a value given to this integration (deleted with it)
    token_secret_owned boolean not null default false,
    active boolean not null default true,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index integrations_system_idx on integrations (system, created_at desc);

create table project_integrations (
    project_id uuid not null references projects (id) on delete cascade,
    integration_id uuid not null references integrations (id) on delete cascade,
    is_primary boolean not null default false,
    created_at timestamptz not null,
    primary key (project_id, integration_id)
);
create index project_integrations_integration_idx on project_integrations (integration_id);

alter table projects add constraint projects_primary_ticketing_fkey
    foreign key (primary_ticketing_integration_id) references integrations (id) on delete set null;
alter table projects add constraint projects_primary_scm_fkey
    foreign key (primary_scm_integration_id) references integrations (id) on delete set null;

-- where a provider may send webhooks; each has its own URL /api/webhooks/{provider}/{id} and its own secret
create table webhook_inbound_configs (
    id uuid primary key,
    integration_id uuid not null references integrations (id) on delete cascade,
    provider varchar(20) not null check (provider in ('github', 'gitlab', 'jira', 'shortcut', 'custom')),
    project_id uuid not null references projects (id) on delete cascade,
    provider_project_id varchar(255),
    secret_id uuid not null references secrets (id) on delete restrict,
    secret_owned boolean not null default false,
    allowed_events text[] not null default '{}',
    auto_execute boolean not null default false,
    auto_execute_mode varchar(20) not null default 'matching_events'
        check (auto_execute_mode in ('matching_events', 'label_gated')),
    required_labels text[] not null default '{}',
    bot_username varchar(100),
    clanker_id uuid references clankers (id) on delete set null,
    follow_up_limit integer check (follow_up_limit between 0 and 20),
    options jsonb not null default '{}',
    active boolean not null default true,
    rejected_count bigint not null default 0,
    last_rejected_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index webhook_inbound_configs_integration_idx on webhook_inbound_configs (integration_id, created_at desc);
create index webhook_inbound_configs_project_idx on webhook_inbound_configs (project_id);

-- every accepted inbound delivery, stored before it is processed; processing runs from this table
create table webhook_deliveries (
    id uuid primary key,
    config_id uuid not null references webhook_inbound_configs (id) on delete cascade,
    provider varchar(20) not null,
    delivery_id varchar(255) not null,
    event_type varchar(100),
    status varchar(20) not null check (status in ('received', 'processing', 'processed', 'ignored', 'failed')),
    reason text,
    headers jsonb not null default '{}',
    body text not null,
    attempts integer not null default 0,
    next_attempt_at timestamptz,
    lease_until timestamptz,
    ticket_id uuid references tickets (id) on delete set null,
    job_id uuid references jobs (id) on delete set null,
    received_at timestamptz not null,
    processed_at timestamptz,
    updated_at timestamptz not null,
    constraint webhook_deliveries_dedupe_key unique (config_id, delivery_id),
    constraint webhook_deliveries_pending_has_due check (status not in ('received', 'processing')
        or next_attempt_at is not null)
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at)
    where status in ('received', 'processing');
create index webhook_deliveries_config_idx on webhook_deliveries (config_id, received_at desc);
create index webhook_deliveries_status_idx on webhook_deliveries (status, received_at desc);

-- runs started because of a review or a failed check on a pull request a run opened (limited per pull request)
create table pull_request_follow_ups (
    id uuid primary key,
    ticket_id uuid not null references tickets (id) on delete cascade,
    pull_request_url varchar(2000) not null,
    branch varchar(255) not null,
    head_sha varchar(64),
    trigger varchar(30) not null,
    delivery_id uuid references webhook_deliveries (id) on delete set null,
    job_id uuid references jobs (id) on delete set null,
    created_at timestamptz not null
);
create index pull_request_follow_ups_pr_idx on pull_request_follow_ups (pull_request_url, created_at);

-- where outbound feedback goes: a provider's issue (comments, labels, transitions) or a custom HTTP endpoint
create table feedback_targets (
    id uuid primary key,
    integration_id uuid not null references integrations (id) on delete cascade,
    provider varchar(20) not null check (provider in ('github', 'gitlab', 'jira', 'shortcut', 'custom')),
    project_id uuid references projects (id) on delete cascade,
    provider_project_id varchar(255),
    name varchar(255) not null,
    events text[] not null,
    token_secret_id uuid references secrets (id) on delete restrict,
    token_secret_owned boolean not null default false,
    signing_secret_id uuid references secrets (id) on delete restrict,
    signing_secret_owned boolean not null default false,
    options jsonb not null default '{}',
    max_attempts integer not null check (max_attempts between 1 and 20),
    backoff_ms integer not null check (backoff_ms between 10 and 600000),
    max_backoff_ms integer not null check (max_backoff_ms between 10 and 3600000),
    active boolean not null default true,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index feedback_targets_integration_idx on feedback_targets (integration_id, created_at desc);
create index feedback_targets_project_idx on feedback_targets (project_id);

-- the transactional outbox: one row per (event, target), written with the change it reports
create table feedback_outbox (
    id uuid primary key,
    target_id uuid not null references feedback_targets (id) on delete cascade,
    event_type varchar(40) not null,
    ticket_id uuid references tickets (id) on delete set null,
    job_id uuid references jobs (id) on delete set null,
    body text not null,
    status varchar(20) not null check (status in ('pending', 'delivered', 'dead')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    lease_until timestamptz,
    last_error text,
    response_status integer,
    delivered_at timestamptz,
    created_at timestamptz not null
);
create index feedback_outbox_due_idx on feedback_outbox (next_attempt_at) where status = 'pending';
create index feedback_outbox_target_idx on feedback_outbox (target_id, created_at desc);
create index feedback_outbox_order_idx on feedback_outbox (target_id, ticket_id, created_at) where status = 'pending';
--rollback drop table feedback_outbox; drop table feedback_targets; drop table pull_request_follow_ups; drop table webhook_deliveries; drop table webhook_inbound_configs; alter table projects drop constraint projects_primary_scm_fkey; alter table projects drop constraint projects_primary_ticketing_fkey; drop table project_integrations; drop table integrations;

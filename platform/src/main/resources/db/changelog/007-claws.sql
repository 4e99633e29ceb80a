--liquibase formatted sql

--changeset viberglass:007-claws
create table claw_task_templates (
    id uuid primary key,
    project_id uuid not null references projects (id) on delete cascade,
    name varchar(255) not null,
    description text,
    clanker_id uuid not null references clankers (id) on delete restrict,
    task_instructions text not null check (length(task_instructions) between 1 and 50000),
    instruction_files jsonb not null default '[]',
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint claw_task_templates_name_key unique (project_id, name)
);

create table claw_schedules (
    id uuid primary key,
    project_id uuid not null references projects (id) on delete cascade,
    template_id uuid not null references claw_task_templates (id) on delete cascade,
    name varchar(255) not null,
    description text,
    schedule_type varchar(20) not null check (schedule_type in ('interval', 'cron')),
    interval_seconds integer check (interval_seconds is null or interval_seconds > 0),
    cron_expression varchar(255),
    timezone varchar(64) not null default 'UTC',
    active boolean not null default true,
    next_run_at timestamptz,
    last_run_at timestamptz,
    run_count bigint not null default 0,
    failure_count bigint not null default 0,
    consecutive_failures integer not null default 0,
    auto_pause_after integer not null default 3 check (auto_pause_after > 0),
    paused_reason text,
    webhook_url varchar(2000),
    webhook_secret_ciphertext bytea,
    webhook_secret_nonce bytea,
    webhook_secret_key_id varchar(50),
    webhook_events text[] not null default '{}',
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint claw_schedules_name_key unique (project_id, name),
    constraint claw_schedules_kind check ((schedule_type = 'interval') = (interval_seconds is not null)
        and (schedule_type = 'cron') = (cron_expression is not null))
);
create index claw_schedules_due_idx on claw_schedules (next_run_at) where active;

create table claw_executions (
    id uuid primary key,
    schedule_id uuid not null references claw_schedules (id) on delete cascade,
    job_id uuid references jobs (id) on delete set null,
    slot_at timestamptz not null,
    status varchar(20) not null check (status in ('pending', 'running', 'completed', 'failed', 'cancelled')),
    started_at timestamptz,
    completed_at timestamptz,
    error_message text,
    pull_request_url varchar(2000),
    created_at timestamptz not null,
    -- one execution per schedule slot, whichever platform instance fires it
    constraint claw_executions_slot_key unique (schedule_id, slot_at)
);
create index claw_executions_schedule_idx on claw_executions (schedule_id, created_at desc);
create index claw_executions_job_idx on claw_executions (job_id);

create table claw_webhook_deliveries (
    id uuid primary key,
    execution_id uuid not null references claw_executions (id) on delete cascade,
    schedule_id uuid not null references claw_schedules (id) on delete cascade,
    event varchar(20) not null check (event in ('started', 'completed', 'failed')),
    body text not null,
    status varchar(20) not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error text,
    response_status integer,
    delivered_at timestamptz,
    created_at timestamptz not null
);
create index claw_webhook_deliveries_due_idx on claw_webhook_deliveries (next_attempt_at) where status = 'pending';
--rollback drop table claw_webhook_deliveries; drop table claw_executions; drop table claw_schedules; drop table claw_task_templates;

--liquibase formatted sql

--changeset viberglass:004-jobs
create table jobs (
    id uuid primary key,
    kind varchar(20) not null check (kind in ('research', 'planning', 'execution', 'claw')),
    status varchar(20) not null default 'queued'
        check (status in ('queued', 'active', 'completed', 'failed', 'cancelled')),
    project_id uuid not null references projects (id) on delete cascade,
    ticket_id uuid references tickets (id) on delete set null,
    clanker_id uuid references clankers (id) on delete set null,
    tenant_id varchar(100) not null,
    payload jsonb not null,
    attempt integer not null default 1 check (attempt >= 1),
    retry_of uuid references jobs (id) on delete set null,
    -- dispatch: a queued job is claimed by one platform instance, then handed to an invoker
    callback_token_hash char(64),
    claimed_at timestamptz,
    claimed_by varchar(200),
    dispatched_at timestamptz,
    invocation_attempts integer not null default 0,
    next_invocation_at timestamptz,
    invoker varchar(20),
    execution_id varchar(500),
    cancel_requested_at timestamptz,
    -- outcome
    result jsonb,
    failure_code varchar(50),
    failure_summary text,
    failure_detail text,
    failure_retryable boolean,
    branch varchar(255),
    commit_hash varchar(64),
    pull_request_url varchar(2000),
    created_at timestamptz not null,
    started_at timestamptz,
    last_heartbeat_at timestamptz,
    finished_at timestamptz,
    updated_at timestamptz not null,
    constraint jobs_terminal_has_finish check ((status in ('completed', 'failed', 'cancelled')) = (finished_at is not null)),
    constraint jobs_active_has_start check (status <> 'active' or started_at is not null)
);
create index jobs_dispatch_idx on jobs (created_at, id) where status = 'queued';
create index jobs_running_idx on jobs (clanker_id, project_id)
    where status = 'active' or (status = 'queued' and claimed_at is not null);
create index jobs_heartbeat_idx on jobs (last_heartbeat_at) where status = 'active';
create index jobs_project_created_idx on jobs (project_id, created_at desc);
create index jobs_ticket_created_idx on jobs (ticket_id, created_at desc);
create index jobs_status_created_idx on jobs (status, created_at desc);

create table job_progress (
    id bigserial primary key,
    job_id uuid not null references jobs (id) on delete cascade,
    step varchar(100),
    message text not null,
    details jsonb not null default '{}',
    created_at timestamptz not null
);
create index job_progress_job_idx on job_progress (job_id, id);

create table job_logs (
    id bigserial primary key,
    job_id uuid not null references jobs (id) on delete cascade,
    level varchar(10) not null check (level in ('debug', 'info', 'warn', 'error')),
    message text not null,
    source varchar(100),
    logged_at timestamptz not null,
    received_at timestamptz not null
);
create index job_logs_job_idx on job_logs (job_id, id);

--rollback drop table job_logs; drop table job_progress; drop table jobs;

--changeset viberglass:004-jobs-dispatch-notify splitStatements:false
-- wakes dispatchers on every instance as soon as a job is queued or a slot frees up
create function notify_job_dispatch() returns trigger language plpgsql as $$
begin
    perform pg_notify('viberglass_dispatch', new.id::text);
    return null;
end;
$$;
create trigger jobs_notify_dispatch after insert or update of status, claimed_at, next_invocation_at on jobs
    for each row execute function notify_job_dispatch();
--rollback drop trigger jobs_notify_dispatch on jobs; drop function notify_job_dispatch();

--changeset viberglass:004-scheduled-tasks
-- db-scheduler's table (its PostgreSQL schema), for cluster-safe recurring work such as the sweepers
create table scheduled_tasks (
    task_name text not null,
    task_instance text not null,
    task_data bytea,
    execution_time timestamptz not null,
    picked boolean not null,
    picked_by text,
    last_success timestamptz,
    last_failure timestamptz,
    consecutive_failures int,
    last_heartbeat timestamptz,
    version bigint not null,
    priority smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
--rollback drop table scheduled_tasks;

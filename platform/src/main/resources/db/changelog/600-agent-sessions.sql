--liquibase formatted sql

--changeset viberglass:600-agent-sessions
-- interactive agent sessions ("Collaborate live"): one live session per ticket and mode, each turn one job
create table agent_sessions (
    id uuid primary key,
    project_id uuid not null references projects (id) on delete cascade,
    ticket_id uuid not null references tickets (id) on delete cascade,
    clanker_id uuid references clankers (id) on delete set null,
    mode varchar(20) not null check (mode in ('research', 'planning', 'execution')),
    status varchar(32) not null default 'active'
        check (status in ('active', 'waiting_on_user', 'waiting_on_approval', 'completed', 'failed', 'cancelled')),
    title varchar(500) not null,
    acp_session_id varchar(500),
    last_job_id uuid references jobs (id) on delete set null,
    last_turn_id uuid,
    latest_pending_request_id uuid,
    -- the last event sequence handed out; bumped under the session's row lock
    event_sequence bigint not null default 0,
    turn_sequence integer not null default 0,
    created_by uuid references users (id) on delete set null,
    created_by_name varchar(255) not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    completed_at timestamptz,
    constraint agent_sessions_terminal_has_completion
        check ((status in ('completed', 'failed', 'cancelled')) = (completed_at is not null))
);
create unique index agent_sessions_live_key on agent_sessions (ticket_id, mode)
    where status in ('active', 'waiting_on_user', 'waiting_on_approval');
create index agent_sessions_ticket_idx on agent_sessions (ticket_id, created_at);
create index agent_sessions_project_idx on agent_sessions (project_id, status, updated_at);

create table agent_turns (
    id uuid primary key,
    session_id uuid not null references agent_sessions (id) on delete cascade,
    role varchar(20) not null check (role in ('user', 'assistant', 'system')),
    status varchar(20) not null default 'queued'
        check (status in ('queued', 'running', 'blocked', 'completed', 'failed', 'cancelled')),
    sequence integer not null check (sequence > 0),
    content_markdown text,
    job_id uuid unique references jobs (id) on delete set null,
    user_id uuid references users (id) on delete set null,
    user_name varchar(255),
    -- the assistant turn that took this user message as its prompt; null while the message waits
    consumed_by_turn_id uuid references agent_turns (id) on delete set null,
    started_at timestamptz,
    completed_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (session_id, sequence)
);
create index agent_turns_waiting_idx on agent_turns (session_id, sequence)
    where role = 'user' and consumed_by_turn_id is null;

create table agent_session_events (
    id bigserial primary key,
    session_id uuid not null references agent_sessions (id) on delete cascade,
    turn_id uuid references agent_turns (id) on delete set null,
    job_id uuid references jobs (id) on delete set null,
    sequence bigint not null check (sequence > 0),
    event_type varchar(64) not null check (event_type in (
        'session_started', 'turn_started', 'user_message', 'assistant_message', 'progress', 'reasoning',
        'tool_call_started', 'tool_call_completed', 'needs_input', 'needs_approval', 'approval_resolved',
        'artifact_updated', 'turn_completed', 'turn_failed', 'session_completed', 'session_failed',
        'session_cancelled', 'user_joined', 'user_left', 'presence_update')),
    payload jsonb not null,
    user_id uuid references users (id) on delete set null,
    user_name varchar(255),
    created_at timestamptz not null,
    unique (session_id, sequence)
);
create index agent_session_events_job_idx on agent_session_events (job_id, created_at);

create table agent_pending_requests (
    id uuid primary key,
    session_id uuid not null references agent_sessions (id) on delete cascade,
    turn_id uuid references agent_turns (id) on delete set null,
    job_id uuid references jobs (id) on delete set null,
    request_type varchar(20) not null check (request_type in ('input', 'approval')),
    status varchar(20) not null default 'open' check (status in ('open', 'resolved', 'expired', 'cancelled')),
    prompt_markdown text not null,
    request_json jsonb not null default '{}',
    response_json jsonb,
    resolved_by uuid references users (id) on delete set null,
    resolved_by_name varchar(255),
    resolved_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint agent_pending_requests_resolution check ((status = 'open') = (resolved_at is null))
);
create unique index agent_pending_requests_open_key on agent_pending_requests (session_id) where status = 'open';

-- the agent's conversation state after the last turn that uploaded one (a gzipped tar, at most 50 MB)
create table agent_session_states (
    session_id uuid primary key references agent_sessions (id) on delete cascade,
    job_id uuid references jobs (id) on delete set null,
    size_bytes bigint not null check (size_bytes >= 0),
    content bytea not null,
    updated_at timestamptz not null
);
--rollback drop table agent_session_states; drop table agent_pending_requests; drop table agent_session_events; drop table agent_turns; drop table agent_sessions;

--changeset viberglass:600-stream-notify splitStatements:false
-- wakes the server-sent event streams and long polls on every instance once a change commits: one notification per
-- session or job per transaction (PostgreSQL folds identical notifications of one transaction into one)
create function notify_session_stream() returns trigger language plpgsql as $$
begin
    perform pg_notify('viberglass_stream', 'session:' || new.session_id::text);
    return null;
end;
$$;
create function notify_session_row_stream() returns trigger language plpgsql as $$
begin
    perform pg_notify('viberglass_stream', 'session:' || new.id::text);
    return null;
end;
$$;
create function notify_job_stream() returns trigger language plpgsql as $$
begin
    perform pg_notify('viberglass_stream', 'job:' || new.job_id::text);
    return null;
end;
$$;
create function notify_job_row_stream() returns trigger language plpgsql as $$
begin
    perform pg_notify('viberglass_stream', 'job:' || new.id::text);
    return null;
end;
$$;
create trigger agent_session_events_notify after insert on agent_session_events
    for each row execute function notify_session_stream();
create trigger agent_pending_requests_notify after insert or update of status on agent_pending_requests
    for each row execute function notify_session_stream();
create trigger agent_sessions_notify after update of status on agent_sessions
    for each row execute function notify_session_row_stream();
create trigger job_logs_notify after insert on job_logs
    for each row execute function notify_job_stream();
create trigger jobs_notify_stream after update of status on jobs
    for each row execute function notify_job_row_stream();
--rollback drop trigger agent_session_events_notify on agent_session_events; drop trigger agent_pending_requests_notify on agent_pending_requests; drop trigger agent_sessions_notify on agent_sessions; drop trigger job_logs_notify on job_logs; drop trigger jobs_notify_stream on jobs; drop function notify_session_stream(); drop function notify_session_row_stream(); drop function notify_job_stream(); drop function notify_job_row_stream();

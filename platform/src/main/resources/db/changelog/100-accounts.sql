--liquibase formatted sql

--changeset viberglass:100-accounts
create table users (
    id uuid primary key,
    email varchar(320) not null,
    name varchar(255) not null,
    password_hash varchar(255),
    role varchar(20) not null check (role in ('admin', 'member')),
    active boolean not null default true,
    -- true only for the administrator created by first-run setup: the partial unique index below lets exactly one
    -- such row exist, so two racing setup requests cannot both create an administrator
    initial_admin boolean not null default false,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint users_email_normalized check (email = lower(btrim(email)) and email <> '')
);
create unique index users_email_key on users (email);
create unique index users_one_initial_admin on users (initial_admin) where initial_admin;

create table user_sessions (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    token_hash char(64) not null,
    created_at timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz,
    ip varchar(64),
    user_agent varchar(500),
    constraint user_sessions_token_hash_key unique (token_hash)
);
create index user_sessions_user_idx on user_sessions (user_id);
create index user_sessions_expires_idx on user_sessions (expires_at);

create table api_tokens (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    name varchar(255) not null,
    token_hash char(64) not null,
    token_prefix varchar(16) not null,
    scope varchar(10) not null check (scope in ('read', 'write', 'admin')),
    expires_at timestamptz,
    last_used_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz not null,
    constraint api_tokens_token_hash_key unique (token_hash)
);
create index api_tokens_user_idx on api_tokens (user_id, created_at desc);

create table project_members (
    project_id uuid not null references projects (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    role varchar(20) not null check (role in ('viewer', 'member', 'approver', 'admin')),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (project_id, user_id)
);
create index project_members_user_idx on project_members (user_id, project_id);

-- fixed-window counters shared by every replica: one row per bucket (what is limited, for whom) and window
create table rate_limit_hits (
    bucket varchar(400) not null,
    window_start timestamptz not null,
    hits integer not null,
    primary key (bucket, window_start)
);
create index rate_limit_hits_window_idx on rate_limit_hits (window_start);
--rollback drop table rate_limit_hits; drop table project_members; drop table api_tokens; drop table user_sessions; drop table users;

--changeset viberglass:100-audit splitStatements:false
-- append-only and hash-chained: each row's hash is SHA-256 over the previous row's hash and this row's content
create table audit_events (
    seq bigint generated always as identity primary key,
    id uuid not null,
    occurred_at timestamptz not null,
    actor varchar(320) not null,
    actor_user_id uuid,
    action varchar(100) not null,
    target_type varchar(50),
    target_id varchar(100),
    project_id uuid,
    ip varchar(64),
    details text not null,
    previous_hash char(64) not null,
    hash char(64) not null,
    constraint audit_events_id_key unique (id)
);
create index audit_events_project_idx on audit_events (project_id, seq);

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_events is append-only: % is not allowed', tg_op using errcode = '42501';
end
$$;
create trigger audit_events_no_update before update or delete on audit_events
    for each row execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only();
--rollback drop table audit_events; drop function audit_events_append_only();

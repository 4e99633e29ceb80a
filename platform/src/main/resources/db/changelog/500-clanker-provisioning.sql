--liquibase formatted sql

--changeset viberglass:500-clanker-files
create table clanker_files (
    clanker_id uuid not null references clankers (id) on delete cascade,
    path varchar(255) not null check (path !~ '^/' and path !~ '(^|/)\.\.(/|$)'),
    content text not null,
    updated_at timestamptz not null,
    primary key (clanker_id, path)
);
--rollback drop table clanker_files;

--changeset viberglass:500-clanker-provisioning
create table clanker_provisioning (
    clanker_id uuid primary key references clankers (id) on delete cascade,
    started_at timestamptz,
    heartbeat_at timestamptz,
    finished_at timestamptz,
    last_error text,
    messages jsonb not null default '[]',
    resources jsonb not null default '{}',
    checked_at timestamptz,
    healthy boolean,
    check_message text,
    consecutive_failures integer not null default 0,
    unavailable_since timestamptz
);
create index clanker_provisioning_heartbeat_idx on clanker_provisioning (heartbeat_at) where finished_at is null;
--rollback drop table clanker_provisioning;

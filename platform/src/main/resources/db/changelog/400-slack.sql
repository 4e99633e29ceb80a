--liquibase formatted sql

--changeset viberglass:400-slack
-- one Slack thread per ticket: the thread the /viberator modal opened, or null thread_ts until its first message is out
create table chat_ticket_threads (
    id uuid primary key,
    ticket_id uuid not null references tickets (id) on delete cascade,
    adapter_name varchar(50) not null default 'slack',
    team_id varchar(64),
    channel_id varchar(64) not null,
    thread_ts varchar(64),
    clanker_id uuid references clankers (id) on delete set null,
    mode varchar(20) not null check (mode in ('research', 'planning', 'execution')),
    -- who asked to run each next phase by itself when one completes (the "chain" mention); null: no chaining
    chained_by varchar(320),
    created_by varchar(64) not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint chat_ticket_threads_ticket_key unique (ticket_id),
    constraint chat_ticket_threads_thread_key unique (channel_id, thread_ts)
);

-- what the platform still has to say in a thread, in order: posted by the outbox sender after the change that
-- produced it committed, retried with back-off (and Slack's Retry-After on 429), kept across restarts
create table slack_outbox (
    seq bigint generated always as identity primary key,
    id uuid not null,
    thread_id uuid not null references chat_ticket_threads (id) on delete cascade,
    kind varchar(20) not null check (kind in ('open_thread', 'message', 'ephemeral', 'file', 'chain')),
    body jsonb not null,
    status varchar(20) not null default 'pending' check (status in ('pending', 'sent', 'dead')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error text,
    sent_at timestamptz,
    created_at timestamptz not null,
    constraint slack_outbox_id_key unique (id)
);
create index slack_outbox_due_idx on slack_outbox (next_attempt_at, seq) where status = 'pending';
create index slack_outbox_thread_idx on slack_outbox (thread_id, seq) where status = 'pending';
--rollback drop table slack_outbox; drop table chat_ticket_threads;

--liquibase formatted sql

--changeset viberglass:1700-author-trust
-- per project: the outside identities (provider:id) whose tickets and feedback run without an approval, and whether
-- a repository's own members (GitHub author_association OWNER/MEMBER/COLLABORATOR) count as trusted; a project
-- without a row has the defaults (no identities, members trusted)
create table project_trust_settings (
    project_id uuid primary key references projects (id) on delete cascade,
    trusted_identities jsonb not null default '[]'::jsonb check (jsonb_typeof(trusted_identities) = 'array'),
    trust_repository_members boolean not null default true,
    updated_by varchar(255),
    updated_at timestamptz not null
);

-- who wrote a ticket that arrived from outside (webhooks) and what the trust rules said; tickets created by platform
-- users have no row and are trusted. 'awaiting' tickets start no run until an approver approves or rejects them.
create table ticket_authors (
    ticket_id uuid primary key references tickets (id) on delete cascade,
    provider varchar(20) not null,
    identity varchar(255),
    association varchar(40),
    trusted boolean not null,
    reason text not null,
    state varchar(20) not null check (state in ('trusted', 'awaiting', 'approved', 'rejected')),
    decided_by varchar(255),
    decided_at timestamptz,
    decision_reason text,
    created_at timestamptz not null,
    check ((state = 'trusted') = trusted),
    check ((state in ('approved', 'rejected')) = (decided_at is not null))
);

-- runs an outside author asked for (an auto-execute issue, a "fix this" comment, a review on a pull request) that
-- wait for an approver; 'run' holds what the webhook feature needs to start them as they would have started
create table trust_holds (
    id uuid primary key,
    ticket_id uuid not null references tickets (id) on delete cascade,
    kind varchar(20) not null check (kind in ('execution', 'follow_up')),
    provider varchar(20) not null,
    identity varchar(255),
    reason text not null,
    state varchar(20) not null default 'awaiting' check (state in ('awaiting', 'approved', 'rejected')),
    run jsonb not null,
    delivery_id uuid references webhook_deliveries (id) on delete set null,
    job_id uuid references jobs (id) on delete set null,
    note text,
    decided_by varchar(255),
    decided_at timestamptz,
    decision_reason text,
    created_at timestamptz not null
);
create index trust_holds_ticket on trust_holds (ticket_id, created_at);
-- a redelivered or repeated request holds one run, not one per delivery
create unique index trust_holds_one_per_delivery on trust_holds (delivery_id) where delivery_id is not null;
create unique index trust_holds_one_awaiting_execution on trust_holds (ticket_id)
    where kind = 'execution' and state = 'awaiting';
--rollback drop table trust_holds; drop table ticket_authors; drop table project_trust_settings;

--liquibase formatted sql

--changeset viberglass:005-phases
create table ticket_phase_documents (
    id uuid primary key,
    ticket_id uuid not null references tickets (id) on delete cascade,
    phase varchar(20) not null check (phase in ('research', 'planning', 'execution')),
    content text not null default '',
    revision integer not null default 0 check (revision >= 0),
    approval_state varchar(20) not null default 'draft'
        check (approval_state in ('draft', 'approval_requested', 'approved', 'rejected')),
    approved_at timestamptz,
    approved_by varchar(255),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint ticket_phase_documents_ticket_phase_key unique (ticket_id, phase)
);

create table ticket_phase_revisions (
    id uuid primary key,
    document_id uuid not null references ticket_phase_documents (id) on delete cascade,
    ticket_id uuid not null references tickets (id) on delete cascade,
    phase varchar(20) not null check (phase in ('research', 'planning', 'execution')),
    number integer not null check (number > 0),
    content text not null,
    source varchar(10) not null check (source in ('manual', 'agent')),
    actor varchar(255),
    job_id uuid references jobs (id) on delete set null,
    created_at timestamptz not null,
    constraint ticket_phase_revisions_number_key unique (document_id, number)
);
create index ticket_phase_revisions_ticket_idx on ticket_phase_revisions (ticket_id, phase, number desc);

create table ticket_phase_comments (
    id uuid primary key,
    document_id uuid not null references ticket_phase_documents (id) on delete cascade,
    ticket_id uuid not null references tickets (id) on delete cascade,
    phase varchar(20) not null check (phase in ('research', 'planning')),
    revision integer not null check (revision > 0),
    line_number integer not null check (line_number > 0),
    line_text text not null,
    content text not null,
    suggestion text,
    status varchar(20) not null default 'open' check (status in ('open', 'resolved', 'outdated')),
    actor varchar(255),
    resolved_at timestamptz,
    resolved_by varchar(255),
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index ticket_phase_comments_document_idx on ticket_phase_comments (document_id, line_number, created_at);

create table ticket_phase_approvals (
    id uuid primary key,
    ticket_id uuid not null references tickets (id) on delete cascade,
    phase varchar(20) not null check (phase in ('research', 'planning', 'execution')),
    action varchar(30) not null check (action in ('approval_requested', 'approved', 'rejected', 'revoked')),
    actor varchar(255),
    comment text,
    revision integer,
    created_at timestamptz not null
);
create index ticket_phase_approvals_ticket_idx on ticket_phase_approvals (ticket_id, created_at);

create table ticket_phase_runs (
    id uuid primary key,
    ticket_id uuid not null references tickets (id) on delete cascade,
    phase varchar(20) not null check (phase in ('research', 'planning')),
    job_id uuid not null unique references jobs (id) on delete cascade,
    clanker_id uuid references clankers (id) on delete set null,
    revision_message text,
    created_at timestamptz not null
);
create index ticket_phase_runs_ticket_idx on ticket_phase_runs (ticket_id, phase, created_at desc);

create table prompt_templates (
    id uuid primary key,
    type varchar(50) not null,
    project_id uuid references projects (id) on delete cascade,
    template text not null,
    updated_at timestamptz not null,
    updated_by varchar(255),
    constraint prompt_templates_type_project_key unique nulls not distinct (type, project_id)
);
--rollback drop table prompt_templates; drop table ticket_phase_runs; drop table ticket_phase_approvals; drop table ticket_phase_comments; drop table ticket_phase_revisions; drop table ticket_phase_documents;

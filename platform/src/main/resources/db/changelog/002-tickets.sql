--liquibase formatted sql

--changeset viberglass:002-tickets
create table tickets (
    id uuid primary key,
    project_id uuid not null references projects (id) on delete cascade,
    title varchar(500) not null,
    description text not null default '',
    severity varchar(20) not null check (severity in ('low', 'medium', 'high', 'critical')),
    category varchar(100) not null,
    metadata jsonb not null default '{}',
    annotations jsonb not null default '[]',
    ticket_system varchar(50) not null check (ticket_system in ('jira', 'linear', 'github', 'gitlab', 'bitbucket',
        'azure', 'asana', 'trello', 'monday', 'clickup', 'shortcut', 'slack', 'custom')),
    external_ticket_id varchar(255),
    external_ticket_url varchar(1000),
    auto_fix_requested boolean not null default false,
    auto_fix_status varchar(20) check (auto_fix_status in ('pending', 'in_progress', 'completed', 'failed')),
    ticket_status varchar(20) not null default 'open'
        check (ticket_status in ('open', 'in_progress', 'in_review', 'resolved')),
    status_set_manually boolean not null default false,
    workflow_phase varchar(20) not null default 'research'
        check (workflow_phase in ('research', 'planning', 'execution')),
    workflow_override_reason text,
    workflow_overridden_at timestamptz,
    workflow_overridden_by varchar(255),
    pull_request_url varchar(1000),
    archived_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index tickets_project_list_idx on tickets (project_id, archived_at, ticket_status, created_at desc);
create index tickets_project_phase_idx on tickets (project_id, workflow_phase, created_at desc);
create index tickets_created_idx on tickets (created_at desc);
create index tickets_external_idx on tickets (external_ticket_id);

create table ticket_media (
    id uuid primary key,
    ticket_id uuid not null references tickets (id) on delete cascade,
    kind varchar(20) not null check (kind in ('screenshot', 'recording')),
    filename varchar(255) not null,
    mime_type varchar(100) not null,
    size_bytes bigint not null check (size_bytes >= 0),
    storage_url varchar(2000) not null,
    created_at timestamptz not null
);
create index ticket_media_ticket_idx on ticket_media (ticket_id, created_at);
--rollback drop table ticket_media; drop table tickets;

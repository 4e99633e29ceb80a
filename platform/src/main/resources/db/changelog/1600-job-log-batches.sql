--liquibase formatted sql

--changeset viberglass:1600-job-log-batches
-- one row per log batch a worker numbered: a batch sent again (the answer was lost, the platform restarted) finds
-- its number taken and stores nothing
create table job_log_batches (
    job_id uuid not null references jobs (id) on delete cascade,
    sequence bigint not null check (sequence >= 0),
    line_count int not null,
    received_at timestamptz not null,
    primary key (job_id, sequence)
);
--rollback drop table job_log_batches;

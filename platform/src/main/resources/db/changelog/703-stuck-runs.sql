--liquibase formatted sql

--changeset viberglass:703-stuck-runs
-- per clanker: minutes without agent output before a run is flagged as stuck (then stopped after a grace), and how
-- many identical tool calls in a row flag it as looping; null takes the platform's defaults
alter table clanker_cost_controls add column stuck_after_minutes integer check (stuck_after_minutes between 1 and 1440);
alter table clanker_cost_controls add column repeated_tool_call_limit integer
    check (repeated_tool_call_limit between 2 and 1000);

-- what the stuck-run detector found, once per job and kind (cleared when a silent agent speaks again)
create table job_flags (
    job_id uuid not null references jobs (id) on delete cascade,
    kind varchar(20) not null check (kind in ('stuck', 'looping')),
    detail text not null,
    flagged_at timestamptz not null,
    primary key (job_id, kind)
);
--rollback drop table job_flags; alter table clanker_cost_controls drop column repeated_tool_call_limit; alter table clanker_cost_controls drop column stuck_after_minutes;

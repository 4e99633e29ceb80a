--liquibase formatted sql

--changeset viberglass:1740-job-log-notify-per-statement splitStatements:false
-- A batch of log lines is one insert statement: wake the job's streams once per statement instead of once per row
-- (PostgreSQL folds a transaction's duplicate notifications, but only after running the row trigger for each line).
drop trigger job_logs_notify on job_logs;
create function notify_job_log_stream() returns trigger language plpgsql as $$
begin
    perform pg_notify('viberglass_stream', 'job:' || inserted.job_id::text)
    from (select distinct job_id from new_lines) inserted;
    return null;
end;
$$;
create trigger job_logs_notify after insert on job_logs
    referencing new table as new_lines
    for each statement execute function notify_job_log_stream();
--rollback drop trigger job_logs_notify on job_logs; drop function notify_job_log_stream(); create trigger job_logs_notify after insert on job_logs for each row execute function notify_job_stream();

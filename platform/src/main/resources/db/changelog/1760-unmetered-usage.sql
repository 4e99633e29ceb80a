--liquibase formatted sql

--changeset viberglass:1760-unmetered-usage
-- a successful model request whose answer carried no token usage: its cost is unknown, and budgets count it at the
-- configured fallback (llm.unmeteredRequestCostUsd) rather than as free
alter table llm_usage add column unmetered boolean not null default false;
--rollback alter table llm_usage drop column unmetered;

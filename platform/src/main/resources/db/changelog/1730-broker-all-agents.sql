--liquibase formatted sql

--changeset viberglass:1730-broker-all-agents
-- the proxy speaks for every agent now (Gemini, Qwen, Kimi, Mistral besides Anthropic and OpenAI); ECS and Lambda
-- workers get their proxy token in the payload they fetch, minted then, so a grant may wait for that fetch
alter table llm_job_grants drop constraint llm_job_grants_provider_check;
alter table llm_job_grants add constraint llm_job_grants_provider_check
    check (provider in ('anthropic', 'openai', 'gemini', 'qwen', 'kimi', 'mistral'));
alter table llm_job_grants add column in_payload boolean not null default false;
--rollback alter table llm_job_grants drop column in_payload; alter table llm_job_grants drop constraint llm_job_grants_provider_check; alter table llm_job_grants add constraint llm_job_grants_provider_check check (provider in ('anthropic', 'openai'));

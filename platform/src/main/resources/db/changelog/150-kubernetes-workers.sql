--liquibase formatted sql

--changeset viberglass:150-kubernetes-workers
alter table clankers drop constraint clankers_deployment_strategy_check;
alter table clankers add constraint clankers_deployment_strategy_check
    check (deployment_strategy in ('local', 'docker', 'ecs', 'lambda', 'kubernetes'));

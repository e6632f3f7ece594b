--liquibase formatted sql

--changeset 3
select 1;

--liquibase formatted sql

--changeset ana:1
select 1;

--changeset ana:1
select 2;

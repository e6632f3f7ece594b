--liquibase formatted sql

--changeset ana:1 runInTransaction:maybe
select 1;

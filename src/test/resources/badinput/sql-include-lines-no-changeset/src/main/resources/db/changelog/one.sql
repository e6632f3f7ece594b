--liquibase formatted sql

--changeset ana:1
select 1;

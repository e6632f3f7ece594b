--liquibase formatted sql

--include file=db/changelog/one.sql

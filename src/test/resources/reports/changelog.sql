--liquibase formatted sql

--changeset ana:1
CREATE INDEX idx_users_email ON users (email);

--liquibase formatted sql

--changeset dee:10
CREATE INDEX idx_payments_created ON payments (created_at);
--rollback DROP INDEX idx_payments_created;

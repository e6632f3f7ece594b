--liquibase formatted sql

-- payments are searched by state
--changeset cy:50-concurrently runInTransaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_payments_state ON payments (state);
--rollback DROP INDEX CONCURRENTLY IF EXISTS idx_payments_state;

-- the next one is fine
--changeset cy:51
SELECT 1;

--changeset cy:52
ALTER TABLE payments RENAME COLUMN ref TO reference;

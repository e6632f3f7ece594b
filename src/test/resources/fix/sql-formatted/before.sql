--liquibase formatted sql

-- payments are searched by state
--changeset cy:50
CREATE INDEX idx_payments_state ON payments (state);
--rollback DROP INDEX idx_payments_state;

-- the next one is fine
--changeset cy:51
SELECT 1;

--changeset cy:52
ALTER TABLE payments RENAME COLUMN ref TO reference;

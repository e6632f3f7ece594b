--liquibase formatted sql

-- The twin of family-never-silent-fails: the same tables, and each statement in the form that neither blocks
-- the running version nor breaks it. No finding.

--changeset ana:1 splitStatements:false
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, status order_status NOT NULL DEFAULT 'new',
                     total numeric(12,2), during tstzrange);
CREATE TABLE audit_log (id bigint PRIMARY KEY, note text);
CREATE TABLE events (id bigint NOT NULL, created_on date NOT NULL) PARTITION BY RANGE (created_on);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 (id bigint NOT NULL, created_on date NOT NULL);
ALTER TABLE events_2026 ADD CONSTRAINT events_2026_bound CHECK (created_on >= '2026-01-01' AND created_on < '2027-01-01');
CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
CREATE UNIQUE INDEX order_totals_customer ON order_totals (customer_id);
CREATE FUNCTION orders_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (id, note) VALUES (NEW.id, 'new order');
  RETURN NEW;
END
$$;

--changeset ana:2 runInTransaction:false
VACUUM (ANALYZE) orders;

--changeset ana:3
LOCK TABLE customers IN ACCESS SHARE MODE;

--changeset ana:4
CREATE TABLE import_rows (id bigint PRIMARY KEY, payload text);
TRUNCATE import_rows;
ALTER TABLE import_rows SET UNLOGGED;
CREATE TRIGGER import_rows_audit AFTER INSERT ON import_rows FOR EACH ROW EXECUTE FUNCTION orders_audit();
ALTER TABLE import_rows ADD CONSTRAINT import_rows_no_dup EXCLUDE USING btree (id WITH =);

--changeset ana:6
REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;

--changeset ana:8
ALTER TYPE order_status ADD VALUE 'cancelled';

--changeset ana:9
SET LOCAL lock_timeout = '5s';
ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

--changeset ana:10 runInTransaction:false
SET lock_timeout = '5s';
ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;

--changeset ana:12
SET LOCAL lock_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;

--changeset ana:12b
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;

--changeset ana:13
CREATE TABLE coupons (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text);

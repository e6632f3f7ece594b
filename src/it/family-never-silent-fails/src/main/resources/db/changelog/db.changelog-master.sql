--liquibase formatted sql

-- Issue 10: each statement PostgreSQL runs on an existing, large table that the statement reader used to file
-- under "no modelled effect"; every rule fires once.

--changeset ana:1 splitStatements:false
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, status order_status NOT NULL DEFAULT 'new',
                     total numeric(12,2), during tstzrange);
CREATE TABLE audit_log (id bigint PRIMARY KEY, note text);
CREATE TABLE events (id bigint NOT NULL, created_on date NOT NULL) PARTITION BY RANGE (created_on);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 (id bigint NOT NULL, created_on date NOT NULL);
CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
CREATE FUNCTION orders_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (id, note) VALUES (NEW.id, 'new order');
  RETURN NEW;
END
$$;

--changeset ana:2 runInTransaction:false
VACUUM FULL orders;

--changeset ana:3
LOCK TABLE customers IN SHARE MODE;

--changeset ana:4
TRUNCATE audit_log;

--changeset ana:5
ALTER TABLE audit_log SET UNLOGGED;

--changeset ana:6
REFRESH MATERIALIZED VIEW order_totals;

--changeset ana:7
CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION orders_audit();

--changeset ana:8
ALTER TYPE order_status RENAME VALUE 'shipped' TO 'sent';

--changeset ana:9
ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

--changeset ana:10
ALTER TABLE events DETACH PARTITION events_2025;

--changeset ana:11
ALTER TABLE orders ADD CONSTRAINT orders_no_overlap EXCLUDE USING gist (during WITH &&);

--changeset ana:12
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;

--changeset ana:13
CREATE TABLE coupons (id int PRIMARY KEY, code text);

--changeset ana:14 splitStatements:false
DO $$ BEGIN ALTER TABLE customers ALTER COLUMN name SET NOT NULL; END $$;

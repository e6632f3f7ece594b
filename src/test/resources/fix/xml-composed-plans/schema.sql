CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total numeric);
INSERT INTO customers SELECT g FROM generate_series(1, 100) g;
INSERT INTO orders SELECT g, 1 + g % 100, CASE WHEN g % 3 = 0 THEN NULL ELSE g END FROM generate_series(1, 25000) g;

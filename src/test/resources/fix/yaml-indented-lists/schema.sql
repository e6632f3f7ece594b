CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);
INSERT INTO orders SELECT g, g % 10 FROM generate_series(1, 1000) g;

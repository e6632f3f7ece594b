CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz, note text);
INSERT INTO orders SELECT g, now(), 'n' FROM generate_series(1, 1000) g;

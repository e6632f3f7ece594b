CREATE TABLE payments (id bigint PRIMARY KEY, state text, ref text);
INSERT INTO payments SELECT g, 'open', 'r' || g FROM generate_series(1, 1000) g;

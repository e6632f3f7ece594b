CREATE TABLE payments (id bigint PRIMARY KEY, state text);
INSERT INTO payments SELECT g, CASE WHEN g % 2 = 0 THEN 'paid' ELSE 'open' END FROM generate_series(1, 1000) g;

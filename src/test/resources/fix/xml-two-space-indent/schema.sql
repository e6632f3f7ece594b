CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255), name text);
INSERT INTO users SELECT g, 'u' || g || '@example.com', 'user ' || g FROM generate_series(1, 1000) g;

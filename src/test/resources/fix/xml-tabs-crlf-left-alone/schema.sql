CREATE TABLE shipments (id bigint PRIMARY KEY, state text, carrier text, eta date);
CREATE TABLE shipments_archive (id bigint PRIMARY KEY, state text);
INSERT INTO shipments SELECT g, 'sent', 'dhl', current_date FROM generate_series(1, 1000) g;

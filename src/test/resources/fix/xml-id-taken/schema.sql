CREATE TABLE invoices (id bigint PRIMARY KEY, due date);

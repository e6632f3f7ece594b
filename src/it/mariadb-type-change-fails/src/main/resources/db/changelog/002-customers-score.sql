--liquibase formatted sql

--changeset ana:2
SET SESSION lock_wait_timeout = 5;
ALTER TABLE `customers` MODIFY COLUMN `score` BIGINT;

--changeset ana:3
SET SESSION lock_wait_timeout = 5;
CREATE INDEX `idx_customers_name` ON `customers` (`name`);
ALTER TABLE `customers` MODIFY `name` VARCHAR(63), ALGORITHM=INSTANT;

--changeset ana:4
-- a per-row default: MariaDB 10.11 copies the table; a constant default at any position is INSTANT
SET SESSION lock_wait_timeout = 5;
ALTER TABLE `customers` ADD COLUMN `ref` CHAR(36) DEFAULT (UUID());
ALTER TABLE `customers` ADD COLUMN `region` VARCHAR(8) NOT NULL DEFAULT 'eu' AFTER `id`;

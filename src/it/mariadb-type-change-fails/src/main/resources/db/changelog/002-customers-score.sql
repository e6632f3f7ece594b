--liquibase formatted sql

--changeset ana:2
SET SESSION lock_wait_timeout = 5;
ALTER TABLE `customers` MODIFY COLUMN `score` BIGINT;

--changeset ana:3
SET SESSION lock_wait_timeout = 5;
CREATE INDEX `idx_customers_name` ON `customers` (`name`);
ALTER TABLE `customers` MODIFY `name` VARCHAR(63), ALGORITHM=INSTANT;

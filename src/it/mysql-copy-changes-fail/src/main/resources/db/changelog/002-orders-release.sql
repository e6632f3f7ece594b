--liquibase formatted sql

--changeset ana:2
SET SESSION lock_wait_timeout = 5;
ALTER TABLE `orders` ADD COLUMN `region` VARCHAR(8) NOT NULL DEFAULT 'eu' AFTER `id`;
ALTER TABLE `orders` ADD INDEX `idx_orders_note` (`note`);

--changeset ana:3
SET SESSION lock_wait_timeout = 5;
ALTER TABLE `orders` MODIFY COLUMN `total` BIGINT;

--changeset ana:4
SET SESSION lock_wait_timeout = 5;
ALTER TABLE `orders` ADD COLUMN `ref` CHAR(36) DEFAULT (UUID());

--liquibase formatted sql

--changeset ana:1
CREATE TABLE `orders` (`id` BIGINT PRIMARY KEY, `note` VARCHAR(40), `total` INT) ENGINE=InnoDB;

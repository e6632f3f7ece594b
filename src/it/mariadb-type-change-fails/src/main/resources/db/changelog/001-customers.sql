--liquibase formatted sql

--changeset ana:1
CREATE TABLE `customers` (`id` BIGINT PRIMARY KEY, `name` VARCHAR(50), `score` INT) ENGINE=InnoDB;

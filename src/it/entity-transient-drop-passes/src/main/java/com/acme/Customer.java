package com.acme;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

@Entity
@Table(name = "customers")
public class Customer {
    @Id
    private Long id;
    private String name;
    // deploy 1 of the rewrite is live: the field no longer maps a column
    @Transient
    private String email;
}

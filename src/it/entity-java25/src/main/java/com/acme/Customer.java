package com.acme;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "customers")
public class Customer {
    @Id
    private Long id;
    private String name;
    private String email;

    protected Customer() {
    }

    // a statement before this(): flexible constructor bodies are Java 25, so this compiles for nothing older
    public Customer(String email) {
        if (email == null) throw new IllegalArgumentException("email");
        this();
        this.email = email;
    }
}

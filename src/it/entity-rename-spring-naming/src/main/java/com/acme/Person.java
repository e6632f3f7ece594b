package com.acme;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

// Spring Boot naming: table person, firstName maps first_name
@Entity
public class Person {
    @Id
    private Long id;
    private String firstName;
}

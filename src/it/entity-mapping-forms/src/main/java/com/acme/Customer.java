package com.acme;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;

@Entity
public class Customer extends BaseEntity {
    private String email;
    @Embedded
    @AttributeOverride(name = "street", column = @Column(name = "billing_street"))
    private Address billing;
}

package com.acme;

import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;

@Entity
public class PurchaseOrder extends BaseEntity {
    @ManyToOne
    private Customer customer;
    // no changeset creates purchase_order.gift_note
    private String giftNote;
}

package com.oncopay.coverage.domain;

/** What eligibility needs of a catalog entry in force: tier, NRDL listing and fulfilment restriction. */
public record DrugFacts(String drugId, int tier, boolean nrdl, boolean hospitalOnly) {}

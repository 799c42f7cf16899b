package com.oncopay.coverage.domain;

import java.time.LocalDate;

/** A recorded diagnosis as the eligibility rules see it (decrypted in memory only). */
public record DiagnosisFact(
        String icd10, LocalDate diagnosedOn, boolean hospitalDesignated, boolean specialist, boolean firstEver) {}

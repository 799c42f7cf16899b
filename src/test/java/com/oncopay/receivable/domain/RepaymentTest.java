package com.oncopay.receivable.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepaymentTest {
    @ParameterizedTest(name = "{0}/{1} {2}, pay {3} → {4} {5} {6}")
    @CsvSource({
        // amount, paid, status, payment → refusal, paid after, status after
        "10000, 0,     OPEN,        1,     ,                            1,     PARTLY_PAID",
        "10000, 0,     OPEN,        9999,  ,                            9999,  PARTLY_PAID",
        "10000, 0,     OPEN,        10000, ,                            10000, PAID",
        "10000, 0,     OPEN,        10001, PAYMENT_EXCEEDS_OUTSTANDING, 0,     OPEN",
        "10000, 0,     OPEN,        0,     PAYMENT_NOT_POSITIVE,        0,     OPEN",
        "10000, 0,     OPEN,        -5,    PAYMENT_NOT_POSITIVE,        0,     OPEN",
        "10000, 4000,  PARTLY_PAID, 5999,  ,                            9999,  PARTLY_PAID",
        "10000, 4000,  PARTLY_PAID, 6000,  ,                            10000, PAID",
        "10000, 4000,  PARTLY_PAID, 6001,  PAYMENT_EXCEEDS_OUTSTANDING, 4000,  PARTLY_PAID",
        "10000, 10000, PAID,        1,     RECEIVABLE_NOT_COLLECTABLE,  10000, PAID",
        "10000, 0,     WRITTEN_OFF, 1,     RECEIVABLE_NOT_COLLECTABLE,  0,     WRITTEN_OFF"
    })
    void apply(
            long amount,
            long paid,
            ReceivableStatus status,
            long payment,
            String refusal,
            long paidAfter,
            ReceivableStatus statusAfter) {
        Repayment.Outcome o = Repayment.apply(new Repayment.Balance(amount, paid, status), payment);
        assertEquals(refusal, o.refusal());
        assertEquals(paidAfter, o.paidFen());
        assertEquals(statusAfter, o.status());
    }
}

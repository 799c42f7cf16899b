package com.oncopay.receivable.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A reversal of a dispense a misuse receivable recovers takes its part off what is outstanding. */
class ReversalReductionTest {
    @ParameterizedTest(name = "item {0} of {1} ({2} paid, {3}) → −{4}, refund {5}, amount {6} {7}")
    @CsvSource({
        // nothing paid: the item comes off; the only item → CANCELLED
        "600, 1000, 0,    OPEN,        600, 0,   400,  OPEN",
        "1000, 1000, 0,   OPEN,        1000, 0,  0,    CANCELLED",
        // paid in part: what is left still owed, or PAID when what is left is paid
        "600, 1000, 300,  PARTLY_PAID, 600, 0,   400,  PARTLY_PAID",
        "600, 1000, 400,  PARTLY_PAID, 600, 0,   400,  PAID",
        // paid more than what stays owed: only the outstanding comes off, the rest is a refund due
        "600, 1000, 700,  PARTLY_PAID, 300, 300, 700,  PAID",
        "1000, 1000, 1,   PARTLY_PAID, 999, 1,   1,    PAID",
        // paid or written off: not reduced; paid → the member's money for the item is refunded
        "600, 1000, 1000, PAID,        0,   600, 1000, PAID",
        "600, 1000, 0,    WRITTEN_OFF, 0,   0,   1000, WRITTEN_OFF",
        "0,   1000, 0,    OPEN,        0,   0,   1000, OPEN"
    })
    void reduces(
            long itemOwed,
            long amount,
            long paid,
            ReceivableStatus status,
            long reduction,
            long refund,
            long newAmount,
            ReceivableStatus newStatus) {
        ReversalReduction r = ReversalReduction.of(itemOwed, new Repayment.Balance(amount, paid, status));
        assertEquals(reduction, r.reductionFen());
        assertEquals(refund, r.refundDueFen());
        assertEquals(newAmount, r.amountFen());
        assertEquals(newStatus, r.status());
    }
}

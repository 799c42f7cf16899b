package com.oncopay.receivable.domain;

/**
 * A reversal of a dispense a misuse receivable recovers (the insurer gets its share back from the pharmacy's
 * settlement, so the member no longer owes it): the item's part still on the receivable comes off what is
 * outstanding, at most what is outstanding. What the member already paid of it is a refund the insurer owes
 * ({@link #refundDueFen}); the receivable is PAID when what is left is paid, CANCELLED when nothing is left and
 * nothing was paid. A receivable paid or written off is not reduced.
 */
public record ReversalReduction(long reductionFen, long refundDueFen, long amountFen, ReceivableStatus status) {
    /**
     * @param itemOwedFen the item's amount less what earlier reductions took off it
     */
    public static ReversalReduction of(long itemOwedFen, Repayment.Balance b) {
        if (itemOwedFen < 0) throw new IllegalArgumentException("an item never owes less than nothing");
        if (!b.status().collectable()) {
            long refund = b.status() == ReceivableStatus.PAID ? Math.min(itemOwedFen, b.paidFen()) : 0;
            return new ReversalReduction(0, refund, b.amountFen(), b.status());
        }
        long reduction = Math.min(itemOwedFen, b.outstandingFen());
        long amount = b.amountFen() - reduction;
        ReceivableStatus status =
                amount == 0 ? ReceivableStatus.CANCELLED : ReceivableStatus.afterPaying(amount, b.paidFen());
        return new ReversalReduction(reduction, itemOwedFen - reduction, amount, status);
    }
}

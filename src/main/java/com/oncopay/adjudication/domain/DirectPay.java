package com.oncopay.adjudication.domain;

/**
 * The direct-pay split of one fill (004 垫付, lines 1384-1470): insurer share =
 * (total − paid by social insurance − deductible still unmet) × payout ratio, never below
 * 0 and never above the sum insured still available; the member pays the rest. Integer
 * fen throughout, rounded half-up once at the end of the line.
 */
public final class DirectPay {
    private DirectPay() {}

    /** Social insurance claims to have paid more than the fill costs: refused, never a negative amount. */
    public static final class SocialInsuranceExceedsTotal extends RuntimeException {
        public SocialInsuranceExceedsTotal() {
            super("social insurance paid exceeds the total", null, false, false);
        }
    }

    public record Input(
            long unitPriceFen,
            int packs,
            long socialInsurancePaidFen,
            long deductibleRemainingFen,
            long sumInsuredRemainingFen,
            int ratioPercent) {}

    /** Who pays what of one fill, and at which ratio. */
    public record Shares(
            long totalFen,
            long socialInsurancePaidFen,
            long deductibleAppliedFen,
            int ratioPercent,
            long insurerPaysFen,
            long memberPaysFen) {}

    /** A balance (the sum insured left, the deductible still unmet) before and after the fill. */
    public record Balance(long beforeFen, long afterFen) {}

    /** The split: the shares, the balances they move, and what the sum insured cap cut off the insurer's share. */
    public record Split(Shares shares, Balance sumInsured, Balance deductibleRemaining, long cappedFen) {
        public long totalFen() {
            return shares.totalFen();
        }

        public long socialInsurancePaidFen() {
            return shares.socialInsurancePaidFen();
        }

        public long deductibleAppliedFen() {
            return shares.deductibleAppliedFen();
        }

        public int ratioPercent() {
            return shares.ratioPercent();
        }

        public long insurerPaysFen() {
            return shares.insurerPaysFen();
        }

        public long memberPaysFen() {
            return shares.memberPaysFen();
        }

        public long sumInsuredBeforeFen() {
            return sumInsured.beforeFen();
        }

        public long sumInsuredAfterFen() {
            return sumInsured.afterFen();
        }

        public long deductibleRemainingBeforeFen() {
            return deductibleRemaining.beforeFen();
        }

        public long deductibleRemainingAfterFen() {
            return deductibleRemaining.afterFen();
        }
    }

    public static Split compute(Input in) {
        if (in.unitPriceFen() < 0
                || in.packs() < 0
                || in.socialInsurancePaidFen() < 0
                || in.deductibleRemainingFen() < 0
                || in.sumInsuredRemainingFen() < 0
                || in.ratioPercent() < 0
                || in.ratioPercent() > 100) {
            throw new IllegalArgumentException("negative amount or ratio outside 0..100");
        }
        long total = Math.multiplyExact(in.unitPriceFen(), (long) in.packs());
        if (in.socialInsurancePaidFen() > total) throw new SocialInsuranceExceedsTotal();
        long afterSocial = total - in.socialInsurancePaidFen();
        long deductible = Math.min(in.deductibleRemainingFen(), afterSocial);
        long covered = afterSocial - deductible;
        long share = halfUpPercent(covered, in.ratioPercent());
        long insurer = Math.min(share, in.sumInsuredRemainingFen());
        long member = total - in.socialInsurancePaidFen() - insurer;
        return new Split(
                new Shares(total, in.socialInsurancePaidFen(), deductible, in.ratioPercent(), insurer, member),
                new Balance(in.sumInsuredRemainingFen(), in.sumInsuredRemainingFen() - insurer),
                new Balance(in.deductibleRemainingFen(), in.deductibleRemainingFen() - deductible),
                share - insurer);
    }

    /**
     * The split when {@code aidPacks} of the packs are outside direct pay: donated packs
     * ({@code donated}) cost nobody and never touch the sum insured; otherwise they are the
     * member's cost in full. The rest of the packs are split as usual.
     */
    public static Split compute(Input in, int aidPacks, boolean donated) {
        if (aidPacks <= 0) return compute(in);
        int covered = Math.max(0, in.packs() - aidPacks);
        Split s = compute(new Input(
                in.unitPriceFen(),
                covered,
                Math.min(in.socialInsurancePaidFen(), Math.multiplyExact(in.unitPriceFen(), (long) covered)),
                in.deductibleRemainingFen(),
                in.sumInsuredRemainingFen(),
                in.ratioPercent()));
        if (in.socialInsurancePaidFen() > Math.multiplyExact(in.unitPriceFen(), (long) in.packs()))
            throw new SocialInsuranceExceedsTotal();
        long aidValue = Math.multiplyExact(in.unitPriceFen(), (long) (in.packs() - covered));
        long total = donated ? s.totalFen() : s.totalFen() + aidValue;
        long social = in.socialInsurancePaidFen();
        long member = total - social - s.insurerPaysFen();
        if (member < 0) throw new SocialInsuranceExceedsTotal();
        return new Split(
                new Shares(total, social, s.deductibleAppliedFen(), s.ratioPercent(), s.insurerPaysFen(), member),
                s.sumInsured(),
                s.deductibleRemaining(),
                s.cappedFen());
    }

    /** amount × percent / 100, rounded half-up (amount ≥ 0). */
    public static long halfUpPercent(long amount, int percent) {
        return Math.addExact(Math.multiplyExact(amount, (long) percent), 50) / 100;
    }
}

package com.oncopay.coverage.domain;

/** Which hospitals and pharmacies are designated (004 lines 2920-2960, 指定医院 / 指定药店). */
public final class Designation {
    private Designation() {}

    /**
     * A designated hospital is in mainland China, public, grade 二级 or higher, and a general
     * or specialist hospital: never a sanatorium, nursing home, rehabilitation centre,
     * addiction or psychiatric treatment centre, or a joint ward without its own staff.
     */
    public static boolean hospital(String province, boolean publicOwned, HospitalGrade grade, HospitalKind kind) {
        return Regions.mainland(province)
                && publicOwned
                && grade != HospitalGrade.GRADE_1
                && (kind == HospitalKind.GENERAL || kind == HospitalKind.SPECIALIST);
    }

    /**
     * A designated pharmacy holds a GSP certificate, has pharmacists on site and is in
     * mainland China. Cold-chain delivery is a capability of the store, not a condition of
     * designation: a store without it may still hand cold-chain drugs over the counter.
     */
    public static boolean pharmacy(String province, boolean gspCertified, boolean pharmacistOnSite) {
        return Regions.mainland(province) && gspCertified && pharmacistOnSite;
    }
}

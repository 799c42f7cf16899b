package com.oncopay.coverage;

import com.oncopay.coverage.CoverageApi.IdType;
import com.oncopay.coverage.CoverageApi.MemberView;
import com.oncopay.coverage.domain.IdMask;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.security.Roles;
import java.time.LocalDate;

/** A member as a response shows it: the birth date to ADMIN only, and then nothing of the identity number (IdMask). */
final class MemberViews {
    private MemberViews() {}

    static MemberView of(
            String memberId,
            String name,
            IdType type,
            String idNumber,
            LocalDate birthDate,
            boolean mainlandCitizen,
            boolean socialInsurance,
            CoverageApi.SocialInsuranceFiling filing,
            Caller caller) {
        boolean birthDateShown = caller.has(Roles.ADMIN);
        return new MemberView(
                memberId,
                name,
                type,
                IdMask.mask(idNumber, type == IdType.RESIDENT_ID, birthDateShown),
                birthDateShown ? birthDate : null,
                mainlandCitizen,
                socialInsurance,
                filing);
    }

    /** The member's recorded social-insurance filing, or null. */
    static CoverageApi.SocialInsuranceFiling filing(MemberEntity m) {
        return m == null || m.siFilingDate == null
                ? null
                : new CoverageApi.SocialInsuranceFiling(
                        m.memberId, m.siFilingCity, m.siFilingDate, Boolean.TRUE.equals(m.siFilingOutOfTown));
    }
}

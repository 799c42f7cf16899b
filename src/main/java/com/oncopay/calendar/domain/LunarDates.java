package com.oncopay.calendar.domain;

import java.time.LocalDate;

/** The Gregorian dates of the lunar festivals and of the Qingming solar term in a year. */
public interface LunarDates {
    /** 正月初一 of the lunar year that begins in {@code year}. */
    LocalDate springFestival(int year);

    /** 五月初五. */
    LocalDate dragonBoat(int year);

    /** 八月十五. */
    LocalDate midAutumn(int year);

    /** The day of the Qingming solar term (清明, about 4-5 April). */
    LocalDate qingming(int year);
}

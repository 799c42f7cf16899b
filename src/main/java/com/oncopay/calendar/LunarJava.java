package com.oncopay.calendar;

import com.nlf.calendar.Lunar;
import com.nlf.calendar.Solar;
import com.oncopay.calendar.domain.LunarDates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;

/**
 * Lunar festival and solar-term dates from lunar-java (cn.6tail:lunar, Maven Central), checked
 * against the official 2025 and 2026 notices in {@code StatutoryHolidaysTest}.
 */
@ApplicationScoped
public class LunarJava implements LunarDates {
    @Override
    public LocalDate springFestival(int year) {
        return date(Lunar.fromYmd(year, 1, 1).getSolar());
    }

    @Override
    public LocalDate dragonBoat(int year) {
        return date(Lunar.fromYmd(year, 5, 5).getSolar());
    }

    @Override
    public LocalDate midAutumn(int year) {
        return date(Lunar.fromYmd(year, 8, 15).getSolar());
    }

    @Override
    public LocalDate qingming(int year) {
        // the solar terms of the lunar year that holds mid-April of `year`
        return date(Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable().get("清明"));
    }

    private static LocalDate date(Solar s) {
        return LocalDate.of(s.getYear(), s.getMonth(), s.getDay());
    }
}

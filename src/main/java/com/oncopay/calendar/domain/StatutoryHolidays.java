package com.oncopay.calendar.domain;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The provisional calendar of a year whose holiday notice is not loaded: weekends, plus the
 * statutory public holidays of 《全国年节及纪念日放假办法》 as amended in 2024 (article 2):
 * 元旦 1 day, 春节 4 days (除夕 to 正月初三), 清明 1 day, 劳动节 2 days (1-2 May), 端午 1 day,
 * 中秋 1 day, 国庆 3 days (1-3 October). No make-up working days and no moved rest days:
 * those only the year's notice can set.
 */
public final class StatutoryHolidays {
    private StatutoryHolidays() {}

    public static CalendarYear provisional(int year, LunarDates lunar) {
        Map<LocalDate, CalendarYear.Day> days = new LinkedHashMap<>();
        put(days, LocalDate.of(year, 1, 1), "元旦");
        LocalDate springFestival = lunar.springFestival(year);
        put(days, springFestival.minusDays(1), "春节（除夕）");
        for (int i = 0; i < 3; i++) put(days, springFestival.plusDays(i), "春节");
        put(days, lunar.qingming(year), "清明节");
        put(days, LocalDate.of(year, 5, 1), "劳动节");
        put(days, LocalDate.of(year, 5, 2), "劳动节");
        put(days, lunar.dragonBoat(year), "端午节");
        put(days, lunar.midAutumn(year), "中秋节");
        for (int d = 1; d <= 3; d++) put(days, LocalDate.of(year, 10, d), "国庆节");
        return new CalendarYear(year, CalendarYear.Status.PROVISIONAL, days, Optional.empty());
    }

    private static void put(Map<LocalDate, CalendarYear.Day> days, LocalDate date, String note) {
        // 中秋 can fall on 1-3 October (2031): one holiday, both names
        days.merge(
                date,
                new CalendarYear.Day(date, CalendarYear.Kind.HOLIDAY, note),
                (a, b) -> new CalendarYear.Day(date, CalendarYear.Kind.HOLIDAY, a.note() + "、" + b.note()));
    }
}

package com.oncopay.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 「用药时长与保险责任一致」: a code's validity never runs past the policy's last day. */
class CodeExpiryTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @ParameterizedTest(name = "{index}: issued {0} + {1}, policy ends {2} → {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                // issued, validity, policy's last day, expires at
                "2026-11-23T10:00:00+08:00, P7D, 2026-12-31, 2026-11-30T10:00:00+08:00",
                // issued 3 days before the policy ends: the last second of its last day
                "2026-11-23T10:00:00+08:00, P7D, 2026-11-26, 2026-11-26T23:59:59+08:00",
                // the usual expiry on the policy's last day, before its end: the usual one
                "2026-11-23T10:00:00+08:00, P7D, 2026-11-30, 2026-11-30T10:00:00+08:00",
                // one day later than the usual expiry: the usual one
                "2026-11-23T10:00:00+08:00, P7D, 2026-12-01, 2026-11-30T10:00:00+08:00",
                "2026-11-23T10:00:00+08:00, P7D, 2026-11-29, 2026-11-29T23:59:59+08:00",
                // issued on the policy's last day
                "2026-11-23T10:00:00+08:00, P7D, 2026-11-23, 2026-11-23T23:59:59+08:00",
                // no policy term known: no cap
                "2026-11-23T10:00:00+08:00, P7D, -,          2026-11-30T10:00:00+08:00",
                // the day is the business day (Asia/Shanghai), whatever the offset of the issuing instant
                "2026-11-23T02:00:00Z,      P7D, 2026-11-26, 2026-11-26T15:59:59Z",
                "2026-11-23T10:00:00+08:00, PT1H, 2026-11-23, 2026-11-23T11:00:00+08:00",
            })
    void caps_the_validity_at_the_policys_last_day(
            OffsetDateTime issued, Duration validity, LocalDate lastDay, OffsetDateTime expected) {
        OffsetDateTime at = CodeExpiry.expiresAt(issued, validity, lastDay, ZONE);
        assertEquals(expected, at);
        assertEquals(expected.getOffset(), at.getOffset());
    }
}

package com.oncopay.receivable.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MisuseRecoveryTest {
    /** Dispenses as "policy:insurerFen" separated by spaces; expected claims as "policy=sum/count". */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "                              | ''",
                "P1:0                          | ''",
                "P1:1                          | P1=1/1",
                "P1:1254260 P1:1000            | P1=1255260/2",
                "P1:500 P1:0 P1:700            | P1=1200/2",
                "P1:500 P2:300 P1:200          | P1=700/2 P2=300/1",
                "P2:300 P1:500                 | P2=300/1 P1=500/1",
                "P1:300000000 P1:300000000     | P1=600000000/2"
            })
    void claims(String dispenses, String expected) {
        List<MisuseRecovery.Dispensed> in = new ArrayList<>();
        if (dispenses != null)
            for (String d : dispenses.trim().split("\\s+")) {
                String[] p = d.split(":");
                in.add(new MisuseRecovery.Dispensed(UUID.randomUUID(), p[0], Long.parseLong(p[1])));
            }
        List<String> out = MisuseRecovery.claims(in).stream()
                .map(c ->
                        c.policyNumber() + "=" + c.amountFen() + "/" + c.items().size())
                .toList();
        assertEquals(expected.isBlank() ? List.of() : List.of(expected.trim().split("\\s+")), out);
        MisuseRecovery.claims(in)
                .forEach(c -> assertEquals(
                        c.amountFen(),
                        c.items().stream()
                                .mapToLong(MisuseRecovery.Dispensed::insurerPaidFen)
                                .sum()));
    }

    @ParameterizedTest(name = "opened {0} + {1} days → {2}")
    @CsvSource({
        "2026-11-23, 1,  2026-11-24",
        "2026-11-23, 30, 2026-12-23",
        "2026-12-31, 1,  2027-01-01",
        "2028-01-30, 30, 2028-02-29"
    })
    void due_on(LocalDate opened, int days, LocalDate expected) {
        assertEquals(expected, MisuseRecovery.dueOn(opened, days));
    }

    @ParameterizedTest
    @CsvSource({"0", "-1"})
    void due_days_below_one_are_a_configuration_error(int days) {
        assertThrows(IllegalArgumentException.class, () -> MisuseRecovery.dueOn(LocalDate.of(2026, 11, 23), days));
    }
}

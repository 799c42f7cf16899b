package com.oncopay.faults;

import static com.oncopay.faults.SharedServices.rows;
import static com.oncopay.faults.SharedServices.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What must hold after a crash, read from PostgreSQL: each redemption fully applied or not at all (the code's
 * state, the prescription's, the dispense row, its four ledger rows, its outbox row and the accumulator move
 * together), and the ledger, the accumulators and the pharmacy's settlement (through the API) agree to the fen.
 */
final class MoneyInvariants {
    /** The figures the books agree on. */
    record Books(long settlementFen, long dispenses) {}

    private MoneyInvariants() {}

    static boolean applied(EngineKilledFaultIT.Op op) throws Exception {
        return dispenseOf(op) != null;
    }

    /** The dispense (or reversal) row a request made, or null. */
    static String dispenseOf(EngineKilledFaultIT.Op op) throws Exception {
        List<Map<String, Object>> found = op.reversal()
                ? rows("select id::text from dispense where kind = 'REVERSAL' and reverses = ?::uuid", op.redemptionId)
                : rows(
                        "select id::text from dispense where kind = 'DISPENSE' and prescription_id = ?::uuid",
                        op.code.prescriptionId());
        assertTrue(found.size() <= 1, "more than one dispense for " + op.key + ": " + found);
        return found.isEmpty() ? null : (String) found.get(0).get("id");
    }

    static Books check(String base, String pharmacy, List<EngineKilledFaultIT.Op> ops) throws Exception {
        for (EngineKilledFaultIT.Op op : ops) {
            ScenarioData.Code c = op.code;
            List<Map<String, Object>> d = rows(
                    "select kind, id from dispense where prescription_id = ?::uuid order by kind", c.prescriptionId());
            long dispenses =
                    d.stream().filter(r -> "DISPENSE".equals(r.get("kind"))).count();
            long reversals = d.size() - dispenses;
            assertTrue(dispenses <= 1 && reversals <= dispenses, "dispenses of " + c.prescriptionId() + ": " + d);
            Map<String, Object> f = rows(
                            "select f.status, f.dispense_id::text as dispense, p.status as prescription"
                                    + " from fulfilment f join prescription p on p.id = f.prescription_id where f.id = ?::uuid",
                            c.fulfilmentId())
                    .get(0);
            String expected = dispenses == 0 ? "RESERVED" : reversals == 0 ? "REDEEMED" : "REVERSED";
            assertEquals(expected, f.get("status"), "code state of " + c.fulfilmentId() + " with " + d);
            if (dispenses == 0) {
                assertEquals(null, f.get("dispense"), "a code not redeemed points at a dispense");
                assertEquals("APPROVED", f.get("prescription"), "prescription of a code not redeemed");
            } else {
                Object id = d.stream()
                        .filter(r -> "DISPENSE".equals(r.get("kind")))
                        .findFirst()
                        .get()
                        .get("id");
                assertEquals(id.toString(), f.get("dispense"), "the code points at another dispense");
                if (reversals == 0) assertEquals("DISPENSED", f.get("prescription"), "prescription of a redeemed code");
            }
        }
        String policies = "select policy_number from dispense where pharmacy_code = ?";
        // every dispense and reversal has its four ledger rows equal to its split, and its one outbox row
        List<Map<String, Object>> broken = rows("""
                select d.id, d.kind from dispense d
                 where d.pharmacy_code = ?
                   and ((select count(*) from ledger_entry l where l.dispense_id = d.id) <> 4
                     or (select sum(amount_fen) from ledger_entry l where l.dispense_id = d.id and account = 'INSURER_PAYABLE') <> d.insurer_pays_fen
                     or (select sum(amount_fen) from ledger_entry l where l.dispense_id = d.id and account = 'MEMBER_COPAY') <> d.member_pays_fen
                     or (select sum(amount_fen) from ledger_entry l where l.dispense_id = d.id and account = 'DEDUCTIBLE_MET') <> d.deductible_applied_fen
                     or (select count(*) from outbox o where o.aggregate_id = d.id::text) <> 1)""", pharmacy);
        assertEquals(List.of(), broken, "dispenses whose ledger or outbox rows do not match them");
        // each policy's accumulators are the sum of its ledger
        List<Map<String, Object>> drift = rows("""
                select a.policy_number, a.sum_insured_used_fen, a.deductible_met_fen,
                       (select coalesce(sum(amount_fen), 0) from ledger_entry l where l.policy_number = a.policy_number and account = 'INSURER_PAYABLE') as insurer,
                       (select coalesce(sum(amount_fen), 0) from ledger_entry l where l.policy_number = a.policy_number and account = 'DEDUCTIBLE_MET') as deductible
                  from accumulator a where a.policy_number in (%s)""".formatted(policies), pharmacy);
        for (Map<String, Object> a : drift) {
            assertEquals(
                    ((Number) a.get("insurer")).longValue(),
                    ((Number) a.get("sum_insured_used_fen")).longValue(),
                    "sum insured used ≠ ledger of " + a);
            assertEquals(
                    ((Number) a.get("deductible")).longValue(),
                    ((Number) a.get("deductible_met_fen")).longValue(),
                    "deductible met ≠ ledger of " + a);
        }
        assertEquals(
                0,
                scalar(
                        "select count(*) from dispense where policy_number in (%s) and pharmacy_code <> ?"
                                .formatted(policies),
                        pharmacy,
                        pharmacy),
                "these policies have dispenses elsewhere: the sums below would not compare");
        long ledger = scalar(
                "select coalesce(sum(l.amount_fen), 0) from ledger_entry l join dispense d on d.id = l.dispense_id"
                        + " where d.pharmacy_code = ? and l.account = 'INSURER_PAYABLE'",
                pharmacy);
        long accumulators = scalar(
                "select coalesce(sum(sum_insured_used_fen), 0) from accumulator where policy_number in (%s)"
                        .formatted(policies),
                pharmacy);
        long dispenses = scalar("select count(*) from dispense where pharmacy_code = ?", pharmacy);
        JsonNode settlement = ScenarioApi.expect(
                200,
                ScenarioApi.get(
                        base,
                        "/api/v1/pharmacies/" + pharmacy + "/settlements?from=2026-11-01&to=2026-11-30",
                        ScenarioTokens.admin("faults-admin")),
                "settlement");
        long settled = settlement.path("totalFen").asLong();
        assertEquals(ledger, accumulators, "ledger ≠ accumulators");
        assertEquals(ledger, settled, "ledger ≠ settlement");
        assertEquals(dispenses, settlement.path("lines").size(), "settlement lines ≠ dispense rows");
        assertTrue(settled > 0, "nothing settled");
        return new Books(settled, dispenses);
    }
}

import com.oncopay.coverage.domain.ResidentId;
import com.oncopay.fulfilment.domain.PickupCode;
import com.oncopay.platform.crypto.FieldCipher;
import java.io.BufferedWriter;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Seeds the benchmark database at scale, with the engine's own classes (field cipher, keyed
 * hash, pickup codes, resident ids) so that every seeded row is one the engine can read:
 * 500 pharmacies with contract prices for all 188 drugs, 100,000 members with a policy, an
 * accumulator and an encrypted first diagnosis, 1,000,000 approved prescriptions each with an
 * issued pickup code (RESERVED), and 300,000 approved prescriptions without one (scenario 5); and the year
 * before it ({@link #history}): 2025 policies with 200,000 dispensed prescriptions, their dispenses, ledger rows and
 * liability claims.
 * Prescriptions are cloned from a template made through the API, so their decision inputs are
 * the engine's own. Writes the load generator's data files (codes with identity numbers).
 *
 * Run by bench/run:  java -cp <engine jar>:<pg jdbc> bench/Seed.java JDBC_URL DATA_DIR TEMPLATE_PRESCRIPTION_ID
 */
public class Seed {
    static final int PHARMACIES = 500, MEMBERS = 100_000, CODES = 1_000_000, OPEN = 300_000, OPEN_MEMBERS = 2_000;
    static final int WRK_CODES = 300_000; // codes 1..300000 for the HTTP redemption scenarios; pgbench uses the rest
    /** Past fills (prescriptions 2,000,001..2,200,000), beyond the ids bench/run resets between runs (up to 2,000,000). */
    static final int HISTORY_FROM = 2_000_001, HISTORY = 200_000;

    static final String FIELD_KEY = "hNPTnERRYOg7V1xvalOhTsJTJhFTLkPdNWgFMTiDOEU=",
            LOOKUP_KEY = "+gZcXtgY2wuYYee3H8LB+QDIqGtfEdQ1BcuNjC+h2T4=";
    static final String[][] CITIES = {{"北京", "北京"}, {"上海", "上海"}, {"广东", "广州"}, {"四川", "成都"}, {"浙江", "杭州"}};

    static String uuid(long n) {
        return String.format("00000000-0000-4000-8000-%012x", n);
    }

    static String member(int m) {
        return String.format("BENCH-M%06d", m);
    }

    static String pharmacy(int p) {
        return String.format("BENCH-PH-%03d", p);
    }

    static String idNumber(int m) {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(m % 18_000);
        String first17 = "110105" + birth.toString().replace("-", "") + String.format("%03d", m % 1000);
        return first17 + ResidentId.checkCharacter(first17);
    }

    static LocalDate birth(int m) {
        return LocalDate.of(1950, 1, 1).plusDays(m % 18_000);
    }

    static String hex(byte[] b) {
        return "\\\\x" + HexFormat.of().formatHex(b);
    }

    static void copy(CopyManager cm, String table, int rows, IntFunction<String> line) throws Exception {
        long t0 = System.nanoTime();
        StringBuilder sb = new StringBuilder(1 << 20);
        int batch = 0;
        for (int i = 1; i <= rows; i++) {
            sb.append(line.apply(i)).append('\n');
            if (++batch == 50_000 || i == rows) {
                try (Reader r = new StringReader(sb.toString())) {
                    cm.copyIn("copy " + table + " from stdin", r);
                }
                sb.setLength(0);
                batch = 0;
            }
        }
        System.out.printf(
                "[seed] %-60s %,9d rows in %.1f s%n",
                table.replaceAll("\\(.*", ""), rows, (System.nanoTime() - t0) / 1e9);
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path data = Path.of(args[1]);
        String template = args[2];
        Files.createDirectories(data);
        FieldCipher cipher = FieldCipher.fromBase64(FIELD_KEY, LOOKUP_KEY);
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(true);
            Statement st = c.createStatement();
            st.execute("set search_path to oncopay");
            ResultSet rs = st.executeQuery("select count(*) from fulfilment where id = '" + uuid(CODES) + "'");
            rs.next();
            boolean seeded = rs.getLong(1) == 1;
            if (!seeded) {
                CopyManager cm = ((PGConnection) c).getCopyAPI();
                String[] drugs = drugIds(st);
                copy(
                        cm,
                        "pharmacy (code, name, province, city, gsp_certified, cold_chain, pharmacist_on_site, social_insurance_settlement, designated)",
                        PHARMACIES,
                        p -> String.join(
                                "\t",
                                pharmacy(p),
                                "压测药房" + p,
                                CITIES[p % 5][0],
                                CITIES[p % 5][1],
                                "t",
                                p % 2 == 0 ? "t" : "f",
                                "t",
                                "t",
                                "t"));
                copy(
                        cm,
                        "pharmacy_price (pharmacy_code, drug_id, price_fen)",
                        PHARMACIES * drugs.length,
                        i -> String.join(
                                "\t",
                                pharmacy((i - 1) / drugs.length + 1),
                                drugs[(i - 1) % drugs.length],
                                String.valueOf(100_000 + ((i * 7919L) % 1_900_000))));
                copy(
                        cm,
                        "member (member_id, name, id_type, id_number_enc, id_number_hash, birth_date, mainland_citizen, social_insurance)",
                        MEMBERS,
                        m -> String.join(
                                "\t",
                                member(m),
                                "压测会员" + m,
                                "RESIDENT_ID",
                                hex(cipher.encrypt(idNumber(m), "member.id_number", member(m))),
                                hex(cipher.lookupHash("id-number", idNumber(m))),
                                birth(m).toString(),
                                "t",
                                m % 2 == 0 ? "t" : "f"));
                copy(
                        cm,
                        "policy (policy_number, product_code, member_id, effective_date, expiry_date)",
                        MEMBERS,
                        m -> String.join(
                                "\t",
                                String.format("BENCH-P%06d", m),
                                "DEMO-GOLD",
                                member(m),
                                "2026-01-01",
                                "2026-12-31"));
                copy(cm, "accumulator (policy_number)", MEMBERS, m -> String.format("BENCH-P%06d", m));
                copy(
                        cm,
                        "diagnosis (id, member_id, icd10_enc, diagnosed_on, hospital_code, specialist, first_ever, recorded_by)",
                        MEMBERS,
                        m -> String.join(
                                "\t",
                                uuid(m),
                                member(m),
                                hex(cipher.encrypt("C34.9", "diagnosis.icd10", uuid(m))),
                                "2026-05-01",
                                "DEMO-H-BJ-01",
                                "t",
                                "t",
                                "bench"));
                prescriptions(st, template, 1, CODES + OPEN);
                history(st, template);
                copy(
                        cm,
                        "fulfilment (id, prescription_id, member_id, pharmacy_code, mode, code_hash, status, expires_at)",
                        CODES,
                        n -> String.join(
                                "\t",
                                uuid(n),
                                uuid(n),
                                member((n - 1) % MEMBERS + 1),
                                pharmacy((n - 1) % PHARMACIES + 1),
                                "PICKUP",
                                hex(cipher.lookupHash("pickup-code", code(n).replace("-", ""))),
                                "RESERVED",
                                "2026-11-30T10:00:00+08:00"));
                st.execute("analyze");
            } else {
                System.out.println("[seed] already seeded (fulfilment " + uuid(CODES) + " exists)");
                rs = st.executeQuery("select count(*) from prescription where id = '" + uuid(CODES + OPEN) + "'");
                rs.next();
                // a database seeded when there were fewer open prescriptions gains the rest
                if (rs.getLong(1) == 0) prescriptions(st, template, CODES + 1, CODES + OPEN);
                rs = st.executeQuery("select count(*) from liability_claim where id = '"
                        + String.format("30000000-0000-4000-8000-%012x", HISTORY_FROM + HISTORY - 1) + "'");
                rs.next();
                // a database seeded before the history was (2026-12-05) gains it
                if (rs.getLong(1) == 0) {
                    history(st, template);
                    st.execute("analyze");
                }
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(data.resolve("codes.txt"))) {
            for (int n = 1; n <= WRK_CODES; n++) {
                int m = (n - 1) % MEMBERS + 1;
                w.write(code(n) + " " + idNumber(m) + " " + ((n - 1) % PHARMACIES + 1) + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(data.resolve("open-prescriptions.txt"))) {
            for (int n = CODES + 1; n <= CODES + OPEN; n++)
                w.write(uuid(n) + " " + ((n - 1) % OPEN_MEMBERS + 1) + "\n");
        }
        System.out.println("[seed] data files in " + data);
    }

    /**
     * Approved prescriptions {@code from..to} cloned from the template: 1..CODES for the members of the issued codes,
     * the rest (open, without a fulfilment) for the first OPEN_MEMBERS members, who hold the load generator's tokens.
     */
    static void prescriptions(Statement st, String template, int from, int to) throws Exception {
        long t0 = System.nanoTime();
        st.execute(
                "insert into prescription (id, member_id, policy_number, product_code, drug_id, molecule_key, catalog_version, tier, packs, "
                        + "days_supply, prescribed_on, valid_days, prescriber_name, hospital_code, diagnosis_enc, clinical_enc, applicant_relation, status, "
                        + "reasons, decision_inputs, first_claim, received_at, decided_at, created_by) "
                        + "select ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, 'BENCH-M' || lpad(m::text, 6, '0'), "
                        + "'BENCH-P' || lpad(m::text, 6, '0'), t.product_code, t.drug_id, t.molecule_key, t.catalog_version, t.tier, t.packs, t.days_supply, "
                        + "t.prescribed_on, t.valid_days, t.prescriber_name, t.hospital_code, t.diagnosis_enc, t.clinical_enc, t.applicant_relation, 'APPROVED', "
                        + "t.reasons, t.decision_inputs, t.first_claim, t.received_at, t.decided_at, 'bench' "
                        + "from prescription t, lateral (select n, case when n <= " + CODES + " then (n - 1) % "
                        + MEMBERS + " + 1 else (n - 1) % " + OPEN_MEMBERS
                        + " + 1 end as m from generate_series(" + from + ", " + to + ") n) g where t.id = '"
                        + template + "' on conflict (id) do nothing");
        System.out.printf(
                "[seed] %-60s %,9d rows in %.1f s%n", "prescription", to - from + 1, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The year before the bench's: a 2025 policy and accumulator per member, two dispensed prescriptions each of D002
     * (a drug without an aid programme, so the scenarios' aid decisions for D001 are unchanged), their dispenses, four
     * ledger rows each, and the liability claims they opened. A production database holds years of fills. Without
     * them every run started with an empty dispense table, analyzed as empty, and the engine's prepared statements
     * kept the generic plan made for it: a sequential scan of dispense in the aid programme's fill count, so each
     * redemption read every dispense made before it (173 million rows in one VM's first half hour of runs), while
     * pgbench, planning each statement anew, switched to the index as the table grew.
     */
    static void history(Statement st, String template) throws Exception {
        long t0 = System.nanoTime();
        int to = HISTORY_FROM + HISTORY - 1;
        String m = "((n - " + HISTORY_FROM + ") % " + MEMBERS + " + 1)";
        String q = "'BENCH-Q' || lpad(" + m + "::text, 6, '0')";
        st.execute("insert into policy (policy_number, product_code, member_id, effective_date, expiry_date) "
                + "select 'BENCH-Q' || lpad(m::text, 6, '0'), 'DEMO-GOLD', 'BENCH-M' || lpad(m::text, 6, '0'), "
                + "'2025-01-01', '2025-12-31' from generate_series(1, " + MEMBERS + ") m on conflict do nothing");
        st.execute(
                "insert into accumulator (policy_number, sum_insured_used_fen) select 'BENCH-Q' || lpad(m::text, 6, '0'), "
                        + (HISTORY / MEMBERS) * 700_000L + " from generate_series(1, " + MEMBERS
                        + ") m on conflict do nothing");
        st.execute(
                "insert into prescription (id, member_id, policy_number, product_code, drug_id, molecule_key, catalog_version, "
                        + "tier, packs, days_supply, prescribed_on, valid_days, prescriber_name, hospital_code, diagnosis_enc, clinical_enc, "
                        + "applicant_relation, status, reasons, decision_inputs, first_claim, received_at, decided_at, created_by, dispensed_on) "
                        + "select ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, 'BENCH-M' || lpad("
                        + m + "::text, 6, '0'), "
                        + q
                        + ", t.product_code, 'D002', 'nivolumab', t.catalog_version, t.tier, t.packs, t.days_supply, "
                        + "date '2025-03-01' + n % 250, t.valid_days, t.prescriber_name, t.hospital_code, t.diagnosis_enc, t.clinical_enc, "
                        + "t.applicant_relation, 'DISPENSED', t.reasons, t.decision_inputs, t.first_claim, t.received_at, t.decided_at, "
                        + "'bench', date '2025-03-02' + n % 250 from prescription t, generate_series(" + HISTORY_FROM
                        + ", " + to + ") n "
                        + "where t.id = '" + template + "' on conflict (id) do nothing");
        // 10,000 fen a fill at ratio 70%: the insurer 7,000, the member 3,000; the sum insured falls by 7,000 a fill
        st.execute(
                "insert into dispense (id, kind, prescription_id, policy_number, pharmacy_code, drug_id, packs, total_fen, "
                        + "social_insurance_paid_fen, deductible_applied_fen, ratio_percent, insurer_pays_fen, member_pays_fen, "
                        + "sum_insured_before_fen, sum_insured_after_fen, deductible_remaining_after_fen, at) "
                        + "select ('20000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, 'DISPENSE', "
                        + "('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, " + q + ", "
                        + "'BENCH-PH-' || lpad(((n - 1) % " + PHARMACIES
                        + " + 1)::text, 3, '0'), 'D002', 1, 1000000, 0, 0, 70, 700000, "
                        + "300000, 300000000 - 700000 * ((n - " + HISTORY_FROM + ") / " + MEMBERS + "), "
                        + "300000000 - 700000 * ((n - " + HISTORY_FROM + ") / " + MEMBERS + " + 1), 0, "
                        + "timestamptz '2025-03-02 10:00+08' + (n % 250) * interval '1 day' "
                        + "from generate_series(" + HISTORY_FROM + ", " + to + ") n on conflict do nothing");
        st.execute(
                "insert into ledger_entry (dispense_id, policy_number, account, amount_fen, created_at) "
                        + "select d.id, d.policy_number, a.account, a.amount, d.at from dispense d, (values ('INSURER_PAYABLE', 700000), "
                        + "('MEMBER_COPAY', 300000), ('SOCIAL_INSURANCE', 0), ('DEDUCTIBLE_MET', 0)) a(account, amount) "
                        + "where d.policy_number like 'BENCH-Q%' and not exists (select 1 from ledger_entry l where l.dispense_id = d.id)");
        // each fill opened a liability claim, since decided (the first of each member was its first claim)
        st.execute(
                "insert into liability_claim (id, dispense_id, prescription_id, member_id, policy_number, drug_id, "
                        + "insurer_pays_fen, status, opened_at, first_claim, investigation_due_by, calendar_provisional, decided_at, decided_by) "
                        + "select ('30000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, d.id, d.prescription_id, "
                        + "'BENCH-M' || lpad(" + m
                        + "::text, 6, '0'), d.policy_number, d.drug_id, d.insurer_pays_fen, 'LIABILITY_CONFIRMED', "
                        + "d.at, n < " + (HISTORY_FROM + MEMBERS) + ", d.at + case when n < " + (HISTORY_FROM + MEMBERS)
                        + " then interval '21 days' else interval '7 days' end, false, d.at + interval '3 days', 'bench' "
                        + "from generate_series(" + HISTORY_FROM + ", " + to + ") n "
                        + "join dispense d on d.id = ('20000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid on conflict do nothing");
        System.out.printf(
                "[seed] %-60s %,9d rows in %.1f s%n",
                "history (2025 policies, prescriptions, dispenses, ledger, claims)",
                HISTORY,
                (System.nanoTime() - t0) / 1e9);
    }

    /** The pickup code of seeded fulfilment n: deterministic, so the data files can be rewritten without reseeding. */
    static String code(int n) {
        return PickupCode.generate(new SplittableRandom(0x5EEDL * 1_000_003L + n));
    }

    static String[] drugIds(Statement st) throws Exception {
        ResultSet rs = st.executeQuery("select distinct drug_id from catalog_drug order by drug_id");
        java.util.List<String> out = new java.util.ArrayList<>();
        while (rs.next()) out.add(rs.getString(1));
        if (out.size() < 188) throw new IllegalStateException("the catalog is not loaded: " + out.size() + " drugs");
        return out.toArray(String[]::new);
    }
}

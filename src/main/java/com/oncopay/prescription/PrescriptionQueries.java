package com.oncopay.prescription;

import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import com.oncopay.platform.web.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads of stored prescriptions: one by id, and a member's. */
@ApplicationScoped
public class PrescriptionQueries {
    private final Transactions transactions;
    private final PrescriptionRepository repository;

    public PrescriptionQueries(Transactions transactions, PrescriptionRepository repository) {
        this.transactions = transactions;
        this.repository = repository;
    }

    /** The prescription if the caller may see it; otherwise refused as if it did not exist. */
    public Uni<StoredPrescription> find(String id, Caller caller, String... staffRoles) {
        return repository.find(transactions.autoCommit(), Ids.uuidOr404(id)).map(found -> {
            StoredPrescription p = found.orElseThrow(Refused::notFound);
            caller.requireMemberVisible(p.memberId(), staffRoles);
            return p;
        });
    }

    /** A member's prescriptions, the latest received first (the caller's right to see them is checked before). */
    public Uni<Page<StoredPrescription>> forMember(String memberId, int page, int size) {
        return repository.forMember(transactions.autoCommit(), memberId, page, size);
    }
}

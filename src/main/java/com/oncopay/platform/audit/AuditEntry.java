package com.oncopay.platform.audit;

import com.oncopay.platform.security.Caller;
import java.util.Map;

/**
 * One audit row: who did what to which object. {@code detail} must never hold an identity
 * number or a diagnosis: record that a sensitive field was read, not its value.
 */
public record AuditEntry(
        String actor, String actorRole, String action, String objectType, String objectId, Map<String, Object> detail) {

    public AuditEntry {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    public static AuditEntry of(
            Caller caller, String action, String objectType, String objectId, Map<String, Object> detail) {
        return new AuditEntry(caller.subject(), caller.primaryRole(), action, objectType, objectId, detail);
    }

    public static AuditEntry system(String action, String objectType, String objectId, Map<String, Object> detail) {
        return new AuditEntry("system", "SYSTEM", action, objectType, objectId, detail);
    }
}

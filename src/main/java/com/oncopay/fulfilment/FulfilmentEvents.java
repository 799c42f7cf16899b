package com.oncopay.fulfilment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Dispatch event payloads: what the counter needs, with the member's name masked; never an identity number or a diagnosis. */
final class FulfilmentEvents {
    private FulfilmentEvents() {}

    static Map<String, Object> event(
            UUID fulfilmentId,
            UUID prescriptionId,
            String drugId,
            String brandName,
            int packs,
            String mode,
            String memberName) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("schema", "dispatch-event/v1");
        if (fulfilmentId != null) e.put("fulfilmentId", fulfilmentId.toString());
        if (prescriptionId != null) e.put("prescriptionId", prescriptionId.toString());
        e.put("drugId", drugId);
        if (brandName != null) e.put("brandName", brandName);
        e.put("packs", packs);
        if (mode != null) e.put("mode", mode);
        e.put("memberName", maskName(memberName));
        return e;
    }

    static String maskName(String name) {
        if (name == null || name.isBlank()) return "*";
        int first = name.codePointAt(0);
        return new String(Character.toChars(first))
                + "*".repeat(Math.max(1, name.codePointCount(0, name.length()) - 1));
    }
}

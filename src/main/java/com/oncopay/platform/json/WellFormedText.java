package com.oncopay.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * Every text read from a request body is well-formed UTF-16: a JSON escape of half a surrogate pair
 * ({@code "\ud800"}) is refused as malformed input (400) instead of reaching PostgreSQL, which refuses
 * the bytes it becomes (22021) and made it a 500. So is a NUL character (U+0000), which no
 * PostgreSQL text can hold (the same 22021). Both found by SubmissionBodyFuzzTest (its kept inputs crash-7ab7…
 * and crash-a4eb…, a NUL in {@code hospitalCode}). Otherwise it reads strings exactly as Jackson's own
 * deserializer does.
 */
final class WellFormedText extends StdScalarDeserializer<String> {
    WellFormedText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String s = StringDeserializer.instance.deserialize(p, ctxt);
        if (s != null)
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                    i++;
                else if (Character.isSurrogate(c))
                    throw InvalidFormatException.from(p, "text with half a surrogate pair", s, String.class);
                else if (c == 0) throw InvalidFormatException.from(p, "text with a NUL character", s, String.class);
            }
        return s;
    }
}

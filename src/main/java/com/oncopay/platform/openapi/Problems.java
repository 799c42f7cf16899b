package com.oncopay.platform.openapi;

import com.oncopay.platform.i18n.Messages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/** The shared {@code Problem} schema (what {@code platform.error.Problem} carries) and the error responses using it. */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private Problems() {}

    static Schema schema() {
        Schema text = SharedComponents.string();
        Schema pair = object(ordered("code", text, "message", text), List.of("code", "message"));
        Schema fieldError = object(
                ordered(
                        "field", described("JSON 路径或参数名 / the JSON path or parameter"),
                        "code", described("REQUIRED, WRONG_TYPE, OUT_OF_RANGE …"),
                        "message", described("本地化说明 / localised message")),
                List.of("field", "code", "message"));
        Map<String, Schema> p = new LinkedHashMap<>();
        p.put("type", described("urn:oncopay:problem:{code}").format("uri"));
        p.put("title", described("本地化标题 / localised title"));
        p.put(
                "status",
                OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"));
        p.put("detail", described("本地化详情 / localised detail"));
        p.put("code", described("稳定的错误码 / stable UPPER_SNAKE error code"));
        p.put("errors", array(fieldError).description("字段错误 / invalid input fields"));
        p.put("reasons", array(pair).description("决定未通过的全部原因 / every reason a decision failed"));
        p.put("missing", array(text).description("缺少的材料或项目 / missing items"));
        p.put("traceId", described("OpenTelemetry 追踪 id / the request's trace id"));
        p.put("incidentId", described("未追踪时的事件 id / incident id when the request was not traced"));
        return object(p, List.of("type", "title", "status", "code"))
                .description("RFC 9457 问题详情 / RFC 9457 problem details");
    }

    /** One error status of an operation: its codes listed, a Problem body, one example per code (Chinese). */
    static APIResponse response(String status, List<String> codes) {
        var media =
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SharedComponents.PROBLEM));
        for (String code : codes)
            media.addExample(
                    code,
                    OASFactory.createExample()
                            .summary(Messages.title(Messages.ENGLISH, code))
                            .value(example(Integer.parseInt(status), code)));
        APIResponse r = OASFactory.createAPIResponse()
                .description(Messages.title(Messages.CHINESE, codes.get(0)) + " / " + String.join(", ", codes))
                .content(OASFactory.createContent().addMediaType(MEDIA_TYPE, media));
        if (status.equals("429") || status.equals("503"))
            r.addHeader("Retry-After", OASFactory.createHeader().ref(SharedComponents.RETRY_AFTER));
        return r;
    }

    static Map<String, Object> example(int status, String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "urn:oncopay:problem:" + code);
        e.put("title", Messages.title(Messages.CHINESE, code));
        e.put("status", status);
        e.put("detail", Messages.detail(Messages.CHINESE, code));
        e.put("code", code);
        if (status == 400 && code.equals("VALIDATION_FAILED"))
            e.put("errors", List.of(ordered("field", "size", "code", "OUT_OF_RANGE", "message", "应为 1 到 200 之间的整数")));
        e.put("traceId", TRACE_ID);
        return e;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        return m;
    }

    private static Schema described(String description) {
        return SharedComponents.string().description(description);
    }

    private static Schema array(Schema items) {
        return OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(items);
    }

    private static Schema object(Map<String, Schema> properties, List<String> required) {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .properties(new LinkedHashMap<>(properties))
                .required(required);
    }
}

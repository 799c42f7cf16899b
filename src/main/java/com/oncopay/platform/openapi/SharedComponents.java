package com.oncopay.platform.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/** What every operation shares, defined once in the document's components and referenced. */
final class SharedComponents {
    static final String BEARER = "bearer";
    static final String IDEMPOTENCY_KEY = "#/components/parameters/IdempotencyKey";
    static final String ACCEPT_LANGUAGE = "#/components/parameters/AcceptLanguage";
    static final String RETRY_AFTER = "#/components/headers/RetryAfter";
    static final String PROBLEM = "#/components/schemas/Problem";

    /** Tag descriptions, Chinese / English. */
    static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("Platform", "调用方身份与连通性检查 / Who the caller is, and a reachability check"),
            Map.entry("Operations", "运维：字段密钥轮换 / Operations: re-encryption under the active field key"),
            Map.entry(
                    "Catalog", "特药目录：药品、版本、公开查询 / The covered specialty-drug catalog, its versions and public search"),
            Map.entry("Reference data", "产品、医院、药房、保单与诊断 / Products, hospitals, pharmacies, policies and diagnoses"),
            Map.entry("Eligibility", "会员对某药在某日是否可获保障 / Whether a member is covered for a drug on a day"),
            Map.entry("Prescriptions", "处方提交、审核与材料 / Submitting, reviewing and documenting prescriptions"),
            Map.entry("Fulfilment", "取药码、配送、核销、冲正与结算 / Pickup codes, delivery, redemption, reversal and settlement"),
            Map.entry("Dispatch", "药房的实时派单事件（SSE） / A pharmacy's live dispatch events (SSE)"),
            Map.entry("Charity assistance", "援助用药项目与个案 / Charity-assistance programmes and cases"),
            Map.entry("Business-day calendar", "法定节假日与调休工作日 / Statutory holidays and make-up working days"),
            Map.entry("Policies", "保单解除（犹豫期退保、终止） / Policy cancellation (cooling-off, termination)"),
            Map.entry("Misuse", "冒用标记：阻止新处方并追回已付 / Misuse flags: block new prescriptions, recover what was paid"),
            Map.entry("Claims", "理赔核责与超额给付 / Liability claims and over-payments"),
            Map.entry("Receivables", "会员应退还保险公司的款项 / What members owe the insurer back"));

    private SharedComponents() {}

    static void addTo(OpenAPI api) {
        info(api);
        api.setServers(List.of(OASFactory.createServer()
                .url("https://api.oncopay.cn")
                .description(
                        "生产环境；本地开发为 http://localhost:8080 / production; a local engine is http://localhost:8080")));
        api.setSecurity(List.of(OpenApiDocs.bearer()));
        Components c = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(c);
        c.setSecuritySchemes(Map.of(
                BEARER,
                OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("RS256 签名的 JWT；角色在 groups 声明中 / An RS256 JWT with the roles in claim groups "
                                + "(MEMBER, PHARMACY, COORDINATOR, REVIEWER, ADMIN); member_id, pharmacy_id and "
                                + "coordinator_id scope what the caller sees")));
        c.addParameter(
                "IdempotencyKey",
                OASFactory.createParameter()
                        .name("Idempotency-Key")
                        .in(Parameter.In.HEADER)
                        .description("同一键同一请求体返回首次结果（24 小时）；请求体不同则 422 / The same key with the same body "
                                + "answers the first result (kept 24 h); with another body 422 IDEMPOTENCY_KEY_REUSED")
                        .schema(string().maxLength(100))
                        .example("3f1c9a52-7d1e-4a8b-9b61-0c2d5e8f4a17"));
        c.addParameter(
                "AcceptLanguage",
                OASFactory.createParameter()
                        .name("Accept-Language")
                        .in(Parameter.In.HEADER)
                        .description("错误信息默认中文，en 为英文 / Messages are Chinese by default, English with en")
                        .schema(string())
                        .example("zh-CN"));
        c.addHeader(
                "RetryAfter",
                OASFactory.createHeader()
                        .description("多少秒后再试 / Seconds to wait before trying again")
                        .schema(OASFactory.createSchema()
                                .addType(Schema.SchemaType.INTEGER)
                                .minimum(java.math.BigDecimal.ONE)));
        c.addSchema("Problem", Problems.schema());
        api.setTags(
                api.getTags() == null
                        ? null
                        : api.getTags().stream()
                                .map(SharedComponents::described)
                                .toList());
    }

    private static void info(OpenAPI api) {
        var info = api.getInfo() == null ? OASFactory.createInfo() : api.getInfo();
        api.setInfo(info.title("OncoPay 特药直付引擎 / specialty-drug direct-billing engine")
                .version("1")
                .description("特药直付：处方审核、取药码、药房核销与结算。金额为整数分（…Fen），时间为北京时间。错误为 "
                        + "application/problem+json，默认中文。/ Direct billing of specialty oncology drugs: prescription "
                        + "review, pickup codes, redemption at the pharmacy and settlement. Amounts are integer fen "
                        + "(…Fen), times Beijing time. Errors are application/problem+json with a stable code, Chinese "
                        + "by default, English with Accept-Language: en.")
                .contact(OASFactory.createContact()
                        .name("OncoPay 合作方支持 / partner support")
                        .email("partners@oncopay.cn")
                        .url("https://oncopay.cn/partners"))
                .license(OASFactory.createLicense().name("Proprietary").url("https://oncopay.cn/licence")));
    }

    private static Tag described(Tag t) {
        return t.description(TAGS.getOrDefault(t.getName(), t.getDescription()));
    }

    static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }
}

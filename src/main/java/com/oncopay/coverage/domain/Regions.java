package com.oncopay.coverage.domain;

import java.util.Locale;
import java.util.Set;

/**
 * Province-level regions. Mainland China is the 31 provinces, autonomous regions and
 * municipalities; Hong Kong, Macau and Taiwan are known but outside the mainland (004:
 * designated hospitals are in mainland China, not HK/Macau/Taiwan).
 */
public final class Regions {
    private static final Set<String> MAINLAND = Set.of(
            "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南",
            "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "内蒙古", "广西", "西藏", "宁夏", "新疆");
    private static final Set<String> OUTSIDE =
            Set.of("香港", "澳门", "台湾", "HONG KONG", "HK", "MACAU", "MACAO", "MO", "TAIWAN", "TW");

    private Regions() {}

    /** The short name of a province ({@code 广东省 → 广东}), or null when it is not a known region. */
    public static String normalise(String province) {
        if (province == null) return null;
        String p = province.strip();
        for (String suffix : new String[] {"特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"}) {
            if (p.endsWith(suffix) && p.length() > suffix.length()) {
                p = p.substring(0, p.length() - suffix.length());
                break;
            }
        }
        if (MAINLAND.contains(p) || OUTSIDE.contains(p)) return p;
        String upper = p.toUpperCase(Locale.ROOT);
        return OUTSIDE.contains(upper) ? upper : null;
    }

    public static boolean mainland(String province) {
        String p = normalise(province);
        return p != null && MAINLAND.contains(p);
    }
}

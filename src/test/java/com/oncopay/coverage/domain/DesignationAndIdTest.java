package com.oncopay.coverage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DesignationAndIdTest {
    @ParameterizedTest(name = "{0} public={1} {2} {3} → {4}")
    @CsvSource({
        "北京, true, GRADE_3, GENERAL, true",
        "广东省, true, GRADE_2, SPECIALIST, true",
        "上海市, true, GRADE_1, GENERAL, false",
        "浙江, false, GRADE_3, GENERAL, false",
        "香港, true, GRADE_3, GENERAL, false",
        "台湾, true, GRADE_3, GENERAL, false",
        "澳门特别行政区, true, GRADE_3, GENERAL, false",
        "江苏, true, GRADE_3, SANATORIUM, false",
        "江苏, true, GRADE_3, NURSING, false",
        "江苏, true, GRADE_3, REHABILITATION, false",
        "江苏, true, GRADE_3, ADDICTION, false",
        "江苏, true, GRADE_3, PSYCHIATRIC, false",
        "江苏, true, GRADE_3, JOINT_WARD, false",
        "新疆维吾尔自治区, true, GRADE_2, GENERAL, true"
    })
    void designated_hospitals(
            String province, boolean publicOwned, HospitalGrade grade, HospitalKind kind, boolean designated) {
        assertEquals(designated, Designation.hospital(province, publicOwned, grade, kind));
    }

    @ParameterizedTest
    @CsvSource({"北京, true, true, true", "北京, false, true, false", "北京, true, false, false", "香港, true, true, false"})
    void designated_pharmacies(String province, boolean gsp, boolean pharmacist, boolean designated) {
        assertEquals(designated, Designation.pharmacy(province, gsp, pharmacist));
    }

    @ParameterizedTest(name = "{0} born {1} → {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                "11010519491231002X, 1949-12-31, -",
                "11010519491231002x, 1949-12-31, -",
                "110105194912310021, 1949-12-31, CHECK_DIGIT",
                "11010519491231002X, 1950-01-01, BIRTH_DATE",
                "110105194913310021, -, BIRTH_DATE",
                "1101051949123100, 1949-12-31, FORMAT",
                "A1010519491231002X, 1949-12-31, FORMAT"
            })
    void resident_id_check_digit_and_birth_date(String id, String born, String defect) {
        Optional<ResidentId.Defect> expected =
                defect == null ? Optional.empty() : Optional.of(ResidentId.Defect.valueOf(defect));
        assertEquals(expected, ResidentId.check(id, born == null ? null : LocalDate.parse(born)));
    }
}

package com.oncopay.misuse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReasonTextTest {
    @ParameterizedTest(name = "\"{0}\" carries an ID number: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "经核实取药人非本人，系其亲属代为冒用                  | false",
                "处方 3f2a 由他人代领，电话 13800000000                | false",
                "身份证 110105197003011234 与本人不符                  | true",
                "身份证 11010519700301123X 与本人不符                  | true",
                "身份证 11010519700301123x                             | true",
                "旧证 110105700301123                                  | true",
                "证号 1101 0519 7003 0112 34                           | true",
                "证号 110105-19700301-1234                             | true",
                "14 位数字 11010519700301                              | false",
                "17 位无校验位 11010519700301123                        | true",
                "''                                                    | false"
            })
    void id_numbers_are_refused(String text, boolean carries) {
        assertEquals(carries, ReasonText.carriesIdNumber(text));
    }
}

package com.oncopay.coverage.domain;

/** 医院等级: 一级, 二级, 三级. */
public enum HospitalGrade {
    GRADE_1,
    GRADE_2,
    GRADE_3
}

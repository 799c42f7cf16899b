package com.oncopay.prescription.domain;

/**
 * The application's materials (seed 004: 「病历资料（含首诊病历）、医学诊断书、基因检测、特药处方、病理检查报告、
 * 化验检查报告等医学材料和本产品理赔通知书」), as the documents a member supplies.
 */
public enum MaterialKind {
    MEDICAL_RECORD_FIRST_DIAGNOSIS,
    DIAGNOSIS_CERTIFICATE,
    GENETIC_TEST,
    PRESCRIPTION,
    PATHOLOGY_REPORT,
    LAB_REPORT,
    CLAIM_NOTICE
}

-- #20 item 4 (seed 004: 「病历资料（含首诊病历）、医学诊断书、基因检测、特药处方、病理检查报告、化验检查报告等医学材料和本产品
-- 理赔通知书」): a prescription's materials checklist. One row per kind recorded: received or not, how it came (channel),
-- a note, and who recorded it when. Which kinds are required is configuration (oncopay.prescription.materials.required.*)
-- computed from the drug, not stored: a kind never recorded is simply not received.
create table prescription_material (
    prescription_id uuid        not null references prescription (id),
    kind            text        not null check (kind in ('MEDICAL_RECORD_FIRST_DIAGNOSIS', 'DIAGNOSIS_CERTIFICATE',
                                'GENETIC_TEST', 'PRESCRIPTION', 'PATHOLOGY_REPORT', 'LAB_REPORT', 'CLAIM_NOTICE')),
    received        boolean     not null,
    channel         text        not null check (channel in ('ONLINE', 'POST', 'PAPER', 'PHARMACY', 'HOSPITAL')),
    note            text,
    recorded_by     text        not null,
    recorded_role   text        not null,
    recorded_at     timestamptz not null,
    primary key (prescription_id, kind)
);

grant select, insert, update on prescription_material to "${appRole}";

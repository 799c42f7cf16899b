-- #23: the 规格 (pack size, for example 100mg/4ml/瓶) as the prescription writes it. The covered-drug list
-- (004 附件二) names brand, generic name and maker only, so the pack size comes with each prescription and is
-- shown at the counter next to the number of packs. Null for prescriptions that gave none.
alter table prescription add column pack_size text;

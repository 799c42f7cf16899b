-- Every foreign key to prescription has an index on its column (#22): without one, removing or re-keying a
-- prescription scans the whole referencing table once per row. The benchmark's reset of its one-use data
-- (bench/run) took minutes on liability_claim with 51,000 claims; dispense, fulfilment and prescription_material
-- had theirs already.
create index if not exists liability_claim_prescription on liability_claim (prescription_id);
create index if not exists misuse_flag_prescription on misuse_flag (prescription_id);

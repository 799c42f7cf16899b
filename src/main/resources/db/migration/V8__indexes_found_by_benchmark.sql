-- Found by the benchmark (bench/run) at 1,000,000 issued codes:
-- * every redemption and delivery of a drug with an aid programme counts the member's earlier
--   fills (dispense joined to prescription); without this index it read the whole dispense
--   table, 40 ms per redemption at 20,000 dispenses and growing with every one;
-- * a reversal finds the fulfilment of a dispense; without this index it read all fulfilments.
create index dispense_prescription on dispense (prescription_id);
create index fulfilment_dispense on fulfilment (dispense_id) where dispense_id is not null;

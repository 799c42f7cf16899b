-- A redemption (and a delivery's DELIVERED) links its fulfilment to the dispense in the same conditional
-- UPDATE that claims the fulfilment, before the dispense row is written later in that transaction: the
-- reference is checked at the commit instead of at the statement. One UPDATE of the fulfilment row per
-- dispense instead of two (each a new row version and, dispense_id being indexed, new index entries).
alter table fulfilment alter constraint fulfilment_dispense_id_fkey deferrable initially deferred;

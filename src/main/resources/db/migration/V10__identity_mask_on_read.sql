-- The masked identity number is computed on read from the encrypted number (coverage.domain.IdMask):
-- the stored copy kept the first 4 and last 4 characters, which with the birth date left 9 candidates.
alter table member drop column id_number_masked;

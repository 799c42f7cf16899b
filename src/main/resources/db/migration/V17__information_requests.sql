-- #20 item 3: a request for information can be answered, and expires unanswered.
-- info_due_on: the last business day a member may answer a REQUEST_INFO (null before this migration: never expires).
-- information: what was supplied, appended on each answer ({at, byRole, clinicalFields, documents, indication});
-- names of fields and kinds of documents only, never the clinical values (those stay in clinical_enc).
alter table prescription add column info_due_on date;
alter table prescription add column information jsonb not null default '[]'::jsonb;
-- review_counted_from: the answer's time, from which the new review due date is counted (null: from received_at),
-- so that the recount of provisional due dates when an official year is loaded keeps counting from it.
alter table prescription add column review_counted_from timestamptz;
create index prescription_info_due on prescription (info_due_on) where status = 'INFO_REQUESTED';

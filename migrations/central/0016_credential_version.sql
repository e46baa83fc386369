-- Which generation of a staff member's credentials is current (docs/security.md, "Ending
-- credentials"). Every password change, admin reset, deactivation and role change ends the
-- person's sessions and signing keys and adds one. The column is replicated with the staff row,
-- so every workstation hears of the change with its next sync and forgets the offline credential
-- it cached under an older generation (never the password hash itself, which is not replicated).
alter table staff add column credential_version integer not null default 1
  check (credential_version >= 1);

-- The update feed (docs/updates.md): releases published with `npm run publish-update`, and the
-- state of each channel the server serves them on. Artifact bytes live outside the database, in
-- a content-addressed folder named by sha512 (VETDESK_UPDATES_DIR); the rows here name them.
-- Both tables are tracked: every publish, hold, rollback and rollout change is in the audit
-- trail, with the admin who made it (null for the server CLI).

create table update_releases (
  id uuid primary key default vetdesk.uuid_v7(),
  channel text not null check (channel in ('stable', 'beta')),
  release_version text not null
    check (length(release_version) <= 64 and release_version ~ '^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$'),
  notes text check (notes is null or length(notes) <= 20000),
  -- Who ran the publish: `cli:<operating system user>`.
  published_by text not null check (length(btrim(published_by)) between 1 and 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1,
  unique (channel, release_version)
);
select vetdesk.track_table('update_releases');

-- Each latest*.yml of a release, its exact text (the signed bytes, UTF-8) and its signature.
create table update_release_manifests (
  release_id uuid not null references update_releases (id) on delete cascade,
  name text not null check (name ~ '^latest(-[a-z0-9]+)*\.yml$'),
  body text not null check (length(body) <= 1000000),
  -- The `.sig` file's line: base64 of the 64-byte Ed25519 signature.
  signature text not null check (signature ~ '^[A-Za-z0-9+/]{86}==$'),
  -- sha512 (hex) of the body: its ETag.
  sha512_hex text not null check (sha512_hex ~ '^[0-9a-f]{128}$'),
  primary key (release_id, name)
);

-- Every artifact the manifests list; the bytes are `<VETDESK_UPDATES_DIR>/<sha512_hex>`.
create table update_release_files (
  release_id uuid not null references update_releases (id) on delete cascade,
  name text not null check (length(name) between 1 and 200 and name !~ '[/\\]' and name !~ '^\.' and strpos(name, '..') = 0),
  sha512_hex text not null check (sha512_hex ~ '^[0-9a-f]{128}$'),
  size bigint not null check (size >= 0),
  primary key (release_id, name)
);
create index update_release_files_sha512_idx on update_release_files (sha512_hex);

-- One row per channel. `current_release_id` goes to devices whose rollout bucket is below
-- `rollout_percent`, `previous_release_id` to the others (and to requests naming no device); a
-- held channel keeps serving what it serves, and a release published meanwhile waits in
-- `pending_release_id` until it is resumed.
create table update_channels (
  id uuid primary key default vetdesk.uuid_v7(),
  channel text not null unique check (channel in ('stable', 'beta')),
  current_release_id uuid references update_releases (id) on delete restrict,
  previous_release_id uuid references update_releases (id) on delete restrict,
  pending_release_id uuid references update_releases (id) on delete restrict,
  rollout_percent integer not null default 100 check (rollout_percent between 0 and 100),
  held boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1,
  check (previous_release_id is null or current_release_id is not null),
  check (pending_release_id is null or held)
);
-- Foreign keys are indexed, as everywhere (a release is never deleted while a channel names it).
create index update_channels_current_release_idx on update_channels (current_release_id);
create index update_channels_previous_release_idx on update_channels (previous_release_id);
create index update_channels_pending_release_idx on update_channels (pending_release_id);
-- The two channels are part of the schema, made before tracking starts: the audit trail holds
-- what people and workstations did, and a migration's own rows are neither.
insert into update_channels (channel) values ('stable'), ('beta');
select vetdesk.track_table('update_channels');

-- Differential downloads (docs/updates.md): electron-builder writes `<artifact>.blockmap` beside
-- each installer it can update differentially. A blockmap is not listed in any latest*.yml, so
-- it is neither signed nor checked against a manifest; it is kept with its artifact and stored,
-- like the artifact, in the content-addressed folder under its sha512. Null when the release
-- folder had none (deb, or an AppImage, whose blockmap is inside the file).
alter table update_release_files
  add column blockmap_sha512_hex text check (blockmap_sha512_hex ~ '^[0-9a-f]{128}$'),
  add column blockmap_size bigint check (blockmap_size >= 0),
  add constraint update_release_files_blockmap_check check ((blockmap_sha512_hex is null) = (blockmap_size is null));

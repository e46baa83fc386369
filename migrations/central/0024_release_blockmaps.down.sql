alter table update_release_files
  drop constraint update_release_files_blockmap_check,
  drop column blockmap_size,
  drop column blockmap_sha512_hex;

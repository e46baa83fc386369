drop table update_channels;
drop table update_release_files;
drop table update_release_manifests;
drop table update_releases;

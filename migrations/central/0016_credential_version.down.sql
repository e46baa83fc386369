alter table staff drop column credential_version;

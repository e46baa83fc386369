drop table staff_sign_in_state;
drop table staff_signing_keys;
drop table staff_sessions;

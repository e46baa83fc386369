drop function sync.sequence_changes();
do $$
declare
  target text;
begin
  foreach target in array array['clinics', 'staff', 'devices', 'owners', 'patients', 'medical_records',
    'appointments', 'price_list_items', 'bills', 'bill_items', 'bill_medical_records', 'payments'] loop
    execute format('drop trigger t95_capture_insert on %I', target);
    execute format('drop trigger t95_capture_update on %I', target);
    execute format('drop trigger t95_capture_delete on %I', target);
  end loop;
end
$$;
drop function sync.track_changes(regclass, text[]);
drop function sync.capture_delete();
drop function sync.capture_update();
drop function sync.capture_insert();
drop table sync.change_log;
drop schema sync;

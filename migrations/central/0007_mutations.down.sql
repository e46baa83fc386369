drop trigger t15_settle on bills;
drop function vetdesk.bill_settle_on_issue();
drop trigger t50_settle on payments;
drop function vetdesk.bill_settle_on_payment();
drop table sync.conflicts;
drop table sync.mutations;

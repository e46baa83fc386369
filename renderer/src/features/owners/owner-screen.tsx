import { useState } from 'react';
import { CardSection } from '../../ui/card-section.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { useMutate } from '../../api/use-mutate.js';
import { navigate } from '../../routing/routes.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { formatMoney } from '../../ui/format.js';
import { moneyCents } from '../billing/payment-words.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.js';
import { HistoryLink } from '../admin/history-link.js';
import { NewBillButton } from '../billing/new-bill-button.js';
import { BillsTable } from '../bills/bills-table.js';
import { useCan } from '../identity/session-context.js';
import { PatientCreateDialog } from '../patients/patient-create-dialog.js';
import { AccountBalance, AccountSection } from './owner-account.js';
import { OwnerEditDialog } from './owner-edit-dialog.js';
import { OwnerPatients } from './owner-patients.js';
import { RefundDialog } from './refund-dialog.js';

/** An owner: contact details, their animals, their bills and what they owe. */
export function OwnerScreen({ id }: { id: string }) {
  const detail = useApiQuery('owner.detail', { id });
  const account = useApiQuery('owner.account', { id });
  const mutate = useMutate();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [addingPatient, setAddingPatient] = useState(false);
  const [refunding, setRefunding] = useState(false);
  if (detail.isPending) return <Skeleton lines={8} block />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) {
    return (
      <EmptyState title="This owner is not on this workstation">
        They may have been deleted, or not synced yet. <a href="#/today">Back to today</a>
      </EmptyState>
    );
  }
  const { owner, patients, bills, balance } = detail.data;
  const name = `${owner.first_name} ${owner.last_name}`.trim();
  const currency = bills[0]?.currency ?? null;
  const credit = account.data?.credit ?? '0.00';
  const mayRefund = can({ mutation: 'payment.refund' }) && moneyCents(credit) > 0n;
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <p className="muted">Owner</p>
          <h1>
            {name} <PendingMark pending={owner.pending} />
          </h1>
        </div>
        <div className="row">
          <HistoryLink table="owners" id={owner.id} />
          <NewBillButton ownerId={owner.id} patientId={null} />
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              setEditing(true);
            }}
          >
            Edit
          </button>
          {can({ mutation: 'owner.delete' }) ? (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setDeleting(true);
              }}
            >
              Delete…
            </button>
          ) : null}
        </div>
      </div>
      <div className="owner-layout">
        <CardSection id="owner-contact" title="Contact">
          <dl className="details">
            <dt>Phone</dt>
            <dd>{owner.phone ? <a href={`tel:${owner.phone}`}>{owner.phone}</a> : '—'}</dd>
            <dt>E-mail</dt>
            <dd>{owner.email ? <a href={`mailto:${owner.email}`}>{owner.email}</a> : '—'}</dd>
            <dt>Address</dt>
            <dd>{[owner.address, owner.postcode, owner.city].filter(Boolean).join(', ') || '—'}</dd>
            <dt>Notes</dt>
            <dd className="prewrap">{owner.notes ?? '—'}</dd>
          </dl>
        </CardSection>
        <CardSection id="owner-balance" title="Balance" className="balance-card">
          {account.data ? (
            <AccountBalance account={account.data} currency={currency} />
          ) : (
            <>
              <p className={`balance ${Number(balance) > 0 ? 'balance-due' : ''}`}>{formatMoney(balance, currency)}</p>
              <p className="muted">Open amount of sent and overdue bills</p>
            </>
          )}
          {mayRefund ? (
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => {
                setRefunding(true);
              }}
            >
              Refund credit…
            </button>
          ) : null}
        </CardSection>
      </div>
      <section className="card" aria-labelledby="owner-patients">
        <div className="row-between card-head">
          <h2 id="owner-patients" className="card-title">
            Patients <span className="badge">{patients.length}</span>
          </h2>
          <button
            type="button"
            className="btn btn-sm btn-primary"
            onClick={() => {
              setAddingPatient(true);
            }}
          >
            Add patient
          </button>
        </div>
        <OwnerPatients patients={patients} />
      </section>
      {account.data ? <AccountSection account={account.data} currency={currency} /> : null}
      <CardSection id="owner-bills" title="Bills" count={bills.length}>
        <BillsTable bills={bills} />
      </CardSection>
      <OwnerEditDialog
        owner={owner}
        open={editing}
        onClose={() => {
          setEditing(false);
        }}
      />
      <PatientCreateDialog
        ownerId={owner.id}
        ownerName={name}
        open={addingPatient}
        onClose={() => {
          setAddingPatient(false);
        }}
      />
      {mayRefund ? (
        <RefundDialog
          open={refunding}
          ownerId={owner.id}
          ownerName={name}
          credit={credit}
          currency={currency}
          onClose={() => {
            setRefunding(false);
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting}
        title={`Delete ${name}?`}
        confirmLabel="Delete owner"
        danger
        busy={mutate.isPending}
        onCancel={() => {
          setDeleting(false);
        }}
        onConfirm={() => {
          mutate.mutate(
            { name: 'owner.delete', args: { id }, success: `${name} deleted` },
            {
              onSuccess: () => {
                setDeleting(false);
                navigate({ name: 'today', date: null });
              },
            },
          );
        }}
      >
        <p>
          {name} disappears from searches and lists. Their patients' medical records and all bills and payments are
          kept: clinical and financial records must be retained by law.
        </p>
      </ConfirmDialog>
    </div>
  );
}

import type { ClinicRow } from '../../../../core/api/views.js';

/**
 * Who issues the invoice, printed at its head: the clinic's name, address, phone, e-mail and tax
 * registration number, from the clinic details admins maintain (replicated, so it prints offline).
 */
export function InvoiceIssuer({ clinic, fallbackName }: { clinic: ClinicRow | null; fallbackName: string }) {
  return (
    <div className="print-only invoice-issuer" data-testid="invoice-issuer">
      <p className="invoice-practice">{clinic?.name ?? fallbackName}</p>
      {clinic?.address ? <p className="invoice-address">{clinic.address}</p> : null}
      <p>{[clinic?.phone ? `Tel. ${clinic.phone}` : null, clinic?.email].filter((part) => part).join(' · ')}</p>
      {clinic?.tax_registration_number ? <p>VAT number: {clinic.tax_registration_number}</p> : null}
    </div>
  );
}

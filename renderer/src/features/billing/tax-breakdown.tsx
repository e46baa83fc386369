import { taxByRate, type TotalsItem } from '../../../../core/domain/bill-totals.js';
import { formatMoney } from '../../ui/format.js';
import { rateToPercent } from './tax-percent.js';

/**
 * The tax broken down by rate (net amount and tax at each rate), as a tax inspector expects to
 * find it on an invoice. Adds up exactly to the totals beside it; nothing when there are no lines.
 */
export function TaxBreakdown({ items, currency }: { items: readonly TotalsItem[]; currency: string | null }) {
  const rates = taxByRate(items);
  if (rates.length === 0) return null;
  return (
    <table className="table tax-breakdown" aria-label="Tax by rate" data-testid="tax-breakdown">
      <thead>
        <tr>
          <th scope="col">Tax rate</th>
          <th scope="col" className="num">
            Net
          </th>
          <th scope="col" className="num">
            Tax
          </th>
        </tr>
      </thead>
      <tbody>
        {rates.map((rate) => (
          <tr key={rate.rate}>
            <td>{rateToPercent(rate.rate)}%</td>
            <td className="num">{formatMoney(rate.net, currency)}</td>
            <td className="num">{formatMoney(rate.tax, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

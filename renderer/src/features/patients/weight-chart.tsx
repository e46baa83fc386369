import { formatDate } from '../../ui/format.js';

// Close to the card's rendered width, so 12-unit labels render near 12 px.
const WIDTH = 480;
const HEIGHT = 200;
const PAD = { top: 16, right: 20, bottom: 32, left: 48 };

function niceStep(range: number): number {
  const rough = range / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/**
 * The weight curve as a hand-drawn SVG: time on x (true spacing, so gaps between visits show),
 * kg on y with round ticks. Colours come from CSS classes, so the chart follows the theme.
 */
export function WeightChart({ weights }: { weights: { at: string; kg: string }[] }) {
  const points = weights
    .map((weight) => ({ t: Date.parse(weight.at), kg: Number(weight.kg), at: weight.at }))
    .filter((point) => Number.isFinite(point.t) && Number.isFinite(point.kg));
  if (points.length === 0) return <p className="muted">No weights recorded yet.</p>;
  const minT = Math.min(...points.map((point) => point.t));
  const maxT = Math.max(...points.map((point) => point.t));
  const rawMin = Math.min(...points.map((point) => point.kg));
  const rawMax = Math.max(...points.map((point) => point.kg));
  const step = niceStep(Math.max(rawMax - rawMin, rawMax * 0.1, 0.1));
  const minKg = Math.max(0, Math.floor((rawMin - step / 2) / step) * step);
  const maxKg = Math.ceil((rawMax + step / 2) / step) * step;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + (maxT === minT ? plotW / 2 : ((t - minT) / (maxT - minT)) * plotW);
  const y = (kg: number) => PAD.top + plotH - ((kg - minKg) / (maxKg - minKg)) * plotH;
  const ticks: number[] = [];
  for (let value = minKg; value <= maxKg + step / 1000; value += step) ticks.push(Number(value.toFixed(6)));
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${x(point.t)},${y(point.kg)}`).join(' ');
  const last = points.at(-1)!;
  const decimals = step < 1 ? 1 : 0;
  return (
    <figure className="weight-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Weight over time, ${points.length} measurements, latest ${last.kg} kg on ${formatDate(last.at)}`}
        data-testid="weight-chart"
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="chart-grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text className="chart-label" x={PAD.left - 8} y={y(tick) + 4} textAnchor="end">
              {tick.toFixed(decimals)}
            </text>
          </g>
        ))}
        <text className="chart-label" x={PAD.left} y={HEIGHT - 8} textAnchor="start">
          {formatDate(points[0]!.at)}
        </text>
        {points.length > 1 ? (
          <text className="chart-label" x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end">
            {formatDate(last.at)}
          </text>
        ) : null}
        <path className="chart-line" d={path} />
        {points.map((point) => (
          <circle key={point.at} className="chart-point" cx={x(point.t)} cy={y(point.kg)} r={4}>
            <title>
              {formatDate(point.at)}: {point.kg} kg
            </title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted">kg · latest {last.kg} kg</figcaption>
    </figure>
  );
}

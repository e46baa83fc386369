import type { CurrentWeight, WeightPoint } from '../../../../core/domain/weight.js';
import { formatDate } from '../../ui/format.js';
import { formatWeight, inUnit, weightAxis, type WeightUnit } from './weight-scale.js';

// Close to the card's rendered width, so 12-unit labels render near 12 px.
const WIDTH = 480;
const HEIGHT = 200;
const PAD = { top: 28, right: 20, bottom: 32, left: 48 };

/**
 * The weight curve as a hand-drawn SVG: time on x (true spacing, so gaps between visits show),
 * weight on y in the patient's unit (grams under a kilogram) with round, distinct ticks
 * (`weightAxis`). Its last point is the patient's current weight, the one the header shows
 * (`currentWeight` in core/domain/weight.ts). Colours come from CSS classes, so the chart
 * follows the theme.
 */
export function WeightChart({
  weights,
  current,
  unit,
}: {
  weights: WeightPoint[];
  current: CurrentWeight | null;
  unit: WeightUnit;
}) {
  const points = weights
    .map((weight) => ({ t: Date.parse(weight.at), value: inUnit(Number(weight.kg), unit), ...weight }))
    .filter((point) => Number.isFinite(point.t) && Number.isFinite(point.value));
  if (points.length === 0) {
    return (
      <p className="muted">
        No weights recorded at visits yet.
        {current ? ` On the patient's details: ${formatWeight(current.kg, unit)}.` : ''}
      </p>
    );
  }
  const minT = Math.min(...points.map((point) => point.t));
  const maxT = Math.max(...points.map((point) => point.t));
  const axis = weightAxis(
    Math.min(...points.map((point) => point.value)),
    Math.max(...points.map((point) => point.value)),
    unit,
  );
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + (maxT === minT ? plotW / 2 : ((t - minT) / (maxT - minT)) * plotW);
  const y = (value: number) => PAD.top + plotH - ((value - axis.min) / (axis.max - axis.min)) * plotH;
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${x(point.t)},${y(point.value)}`).join(' ');
  const last = points.at(-1)!;
  const latest = formatWeight(last.kg, unit);
  return (
    <figure className="weight-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Weight over time, ${points.length} measurements, latest ${latest} on ${formatDate(last.at)}`}
        data-testid="weight-chart"
      >
        <text className="chart-label" x={PAD.left - 8} y={14} textAnchor="end">
          {unit}
        </text>
        {axis.ticks.map((tick) => (
          <g key={tick}>
            <line className="chart-grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text className="chart-label" x={PAD.left - 8} y={y(tick) + 4} textAnchor="end">
              {tick.toFixed(axis.decimals)}
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
        {points.map((point, index) => (
          <circle key={`${point.at} ${index}`} className="chart-point" cx={x(point.t)} cy={y(point.value)} r={4}>
            <title>
              {formatDate(point.at)}: {formatWeight(point.kg, unit)}
            </title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted" data-testid="weight-latest">
        Latest {latest} · {formatDate(last.at)}
      </figcaption>
    </figure>
  );
}

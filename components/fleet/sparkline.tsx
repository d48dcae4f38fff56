/** A small static line (no animation) of the last minute of one figure, plain SVG. */
import { sparklinePoints } from "./throughput-history";

const W = 96;
const H = 20;

export function Sparkline({ values, label }: { values: number[]; label: string }) {
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${W} ${H}`} width={W} height={H} className="overflow-visible">
      <line x1={0} y1={H} x2={W} y2={H} className="stroke-slate-200 dark:stroke-slate-700" strokeWidth={1} />
      {values.length > 1 && <polyline points={sparklinePoints(values, W, H)} fill="none" className="stroke-blue-600 dark:stroke-blue-400" strokeWidth={1.5} strokeLinejoin="round" />}
    </svg>
  );
}

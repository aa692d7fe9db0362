// Stands in for components/Chart in tests (no ECharts in jsdom): shows the series data, the
// legend, the category labels as the axis formatter writes them (line breaks as "|"), and a
// button per category of the y axis that "clicks" it.
import type { ChartProps } from '../components/Chart';

interface Axis { data?: string[]; axisLabel?: { formatter?: (value: string) => string } }

function labels(axis: unknown): string[] {
  const a = (Array.isArray(axis) ? axis[0] : axis) as Axis | undefined;
  const format = a?.axisLabel?.formatter;
  return (a?.data ?? []).map((v) => (typeof format === 'function' ? format(v) : v).replace(/\n/g, '|'));
}

export function Chart({ option, label, onClick }: ChartProps) {
  const y = (option.yAxis as { data?: string[] } | undefined)?.data ?? [];
  const series = (option.series as { name?: string; data: unknown[] }[] | undefined) ?? [];
  const legend = (option.legend as { data?: string[] } | undefined)?.data;
  return (
    <div data-testid="chart" aria-label={label}>
      {series.map((s, i) => <span key={i} data-testid="series" data-name={s.name ?? ''}>{JSON.stringify(s.data)}</span>)}
      {legend && <span data-testid="legend">{JSON.stringify(legend)}</span>}
      <span data-testid="axis-labels">{JSON.stringify([...labels(option.yAxis), ...labels(option.xAxis)])}</span>
      {onClick && y.map((name) => <button key={name} type="button" onClick={() => onClick(name, 0)}>chart:{name}</button>)}
    </div>
  );
}

export default Chart;

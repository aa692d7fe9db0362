// Stands in for components/Chart in tests (no ECharts in jsdom): shows the series data and a
// button per category of the y axis that "clicks" it.
import type { ChartProps } from '../components/Chart';

export function Chart({ option, label, onClick }: ChartProps) {
  const y = (option.yAxis as { data?: string[] } | undefined)?.data ?? [];
  const series = (option.series as { name?: string; data: unknown[] }[] | undefined) ?? [];
  return (
    <div data-testid="chart" aria-label={label}>
      {series.map((s, i) => <span key={i} data-testid="series" data-name={s.name ?? ''}>{JSON.stringify(s.data)}</span>)}
      {onClick && y.map((name) => <button key={name} type="button" onClick={() => onClick(name, 0)}>chart:{name}</button>)}
    </div>
  );
}

export default Chart;

import { useEffect, useRef } from 'react';
import { wrapLabel, wrappedLines } from './chartLabels';

// Characters per line of a step's name (wrapped whole, never cut).
const kWrap = 28;

// Counts per step as a horizontal bar chart, each bar with its count. ECharts is loaded only
// here, on demand, so it never weighs on the first page.
export default function StageChart({ counts, labels }: { counts: Record<string, number>; labels: { code: string; label: string }[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose: () => void; resize: () => void } | null = null;
    const rows = labels.filter((s) => (counts[s.code] ?? 0) > 0);
    const onResize = () => chart?.resize();
    (async () => {
      const echarts = await import('./echarts');
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, undefined, { renderer: 'svg' });
      chart = c;
      c.setOption({
        animation: false,
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: { formatter: (v: string) => wrapLabel(v, kWrap), fontSize: 13, lineHeight: 16, interval: 0 } },
        series: [{ type: 'bar', data: rows.map((r) => counts[r.code]), itemStyle: { color: '#b3151b' }, label: { show: true, position: 'right' } }],
        tooltip: { trigger: 'axis' },
      });
      window.addEventListener('resize', onResize);
    })();
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [counts, labels]);
  const shown = labels.filter((s) => (counts[s.code] ?? 0) > 0);
  const lines = wrappedLines(shown.map((s) => s.label), kWrap);
  return <div ref={el} className="stage-chart" style={{ height: Math.max(120, shown.length * Math.max(30, lines * 16 + 8) + 20) }} role="img" aria-label="Biểu đồ số hồ sơ theo bước" />;
}

import { useEffect, useRef } from 'react';

// Any ECharts option; ECharts itself is imported on mount (its own chunk), so a page that draws
// charts stays light until they are needed. `onClick` receives the clicked item's `name` (the
// category of the axis) and its series index. `label` is what a screen reader hears; the
// figures are always also in a table next to the chart.
//
// A chart in a hidden tab has no width yet: it is drawn when it first gets one, and redrawn to
// its box whenever that changes (a tab shown, the window resized).
export interface ChartProps {
  option: Record<string, unknown>;
  height: number;
  label: string;
  onClick?: (name: string, seriesIndex: number) => void;
  className?: string;
}

interface EChart {
  setOption: (option: unknown, notMerge?: boolean) => void;
  dispose: () => void;
  resize: () => void;
  on: (event: string, handler: (p: { name?: string; value?: unknown; seriesIndex: number }) => void) => void;
}

export function Chart({ option, height, label, onClick, className }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChart | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  const latest = useRef(option);
  latest.current = option;
  useEffect(() => {
    let disposed = false;
    let loading = false;
    const draw = async () => {
      const box = el.current;
      if (disposed || !box || box.clientWidth === 0) return;
      if (chart.current) { chart.current.resize(); return; }
      if (loading) return;
      loading = true;
      const echarts = await import('./echarts');
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, undefined, { renderer: 'svg' }) as unknown as EChart;
      chart.current = c;
      c.setOption({ animation: false, ...latest.current }, true);
      // An axis label's click names its category in `value`.
      c.on('click', (p) => click.current?.(p.name || String(p.value ?? ''), p.seriesIndex));
    };
    const onResize = () => { void draw(); };
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(onResize);
    if (el.current) observer?.observe(el.current);
    window.addEventListener('resize', onResize);
    void draw();
    return () => {
      disposed = true;
      observer?.disconnect();
      window.removeEventListener('resize', onResize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);
  return <div ref={el} className={`chart ${className ?? ''}`} style={{ height }} role="img" aria-label={label} />;
}

export default Chart;

import { useEffect, useRef } from 'react';

// Any ECharts option; ECharts itself is imported on mount (its own chunk), so a page that draws
// charts stays light until they are needed. `onClick` receives the clicked item's `name` (the
// category of the axis) and its series index. `label` is what a screen reader hears; the
// figures are always also in a table next to the chart.
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
  on: (event: string, handler: (p: { name: string; seriesIndex: number }) => void) => void;
}

export function Chart({ option, height, label, onClick, className }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChart | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    let disposed = false;
    const onResize = () => chart.current?.resize();
    (async () => {
      const echarts = await import('./echarts');
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, undefined, { renderer: 'svg' }) as unknown as EChart;
      chart.current = c;
      c.setOption({ animation: false, ...option }, true);
      c.on('click', (p) => click.current?.(p.name, p.seriesIndex));
      window.addEventListener('resize', onResize);
    })();
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart.current?.dispose();
      chart.current = null;
    };
    // The chart is created once; later options are set below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);
  return <div ref={el} className={`chart ${className ?? ''}`} style={{ height }} role="img" aria-label={label} />;
}

export default Chart;

// The parts of ECharts the UI uses (tree-shaken); imported dynamically only.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, ScatterChart } from 'echarts/charts';
import {
  CalendarComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent,
  CalendarComponent, VisualMapComponent, SVGRenderer]);

export const init = echarts.init;

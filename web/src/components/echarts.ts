// The parts of ECharts the UI uses (tree-shaken); imported dynamically only.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart } from 'echarts/charts';
import { CalendarComponent, GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, GridComponent, TooltipComponent, CalendarComponent, VisualMapComponent, SVGRenderer]);

export const init = echarts.init;

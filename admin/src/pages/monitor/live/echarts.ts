/**
 * The part of ECharts the monitor draws with (bars, lines, axes, tooltip, legend, canvas), registered
 * once. Only the monitor page imports this module, and only with `import()`, so ECharts is a chunk of its
 * own that the console's first visit never downloads.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };

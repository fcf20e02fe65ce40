/**
 * Draws a SeriesModel into an <svg> owned by React: d3 owns the inside, keyed joins for ticks and markers.
 *
 * @example
 * const chart = createSeriesChart(svg);
 * chart.update(seriesModel(samples, markers, now, end, layout), layout);
 */
import { select } from 'd3';
import type { SeriesLayout, SeriesModel } from './series-model.ts';
import { attrOf } from './set-attr.ts';
import { textOf } from './set-text.ts';

export interface SeriesChart {
  update(model: SeriesModel, layout: SeriesLayout): void;
  destroy(): void;
}

export function createSeriesChart(svg: SVGSVGElement): SeriesChart {
  const root = select(svg);
  root.selectAll('*').remove();
  const gAxes = root.append('g').attr('class', 'series-axes');
  const error = root.append('path').attr('class', 'series-error');
  const desired = root.append('path').attr('class', 'series-desired');
  const ready = root.append('path').attr('class', 'series-ready');
  const gMarkers = root.append('g').attr('class', 'series-markers');
  const now = root.append('line').attr('class', 'series-now');

  return {
    update(model, layout) {
      const { width, height, margin } = layout;
      // Writes go through attrOf/textOf: only the "now" line and the newest points move in most frames, and an
      // unchanged value written again still costs the browser a restyle of its element.
      root.each(attrOf('viewBox', () => `0 0 ${width} ${height}`));
      gAxes
        .selectAll<SVGTextElement, SeriesModel['xTicks'][number]>('text.x-tick')
        .data(model.xTicks, (d) => d.label)
        .join((enter) => enter.append('text').attr('class', 'x-tick').attr('text-anchor', 'middle'))
        .each(attrOf('x', (d) => d.x))
        .each(attrOf('y', () => height - 4))
        .each(textOf((d) => d.label));
      gAxes
        .selectAll<SVGTextElement, SeriesModel['yTicks'][number]>('text.y-tick')
        .data(model.yTicks, (d) => d.label)
        .join((enter) => enter.append('text').attr('class', 'y-tick').attr('text-anchor', 'end'))
        .each(attrOf('x', () => margin.left - 6))
        .each(attrOf('y', (d) => d.y + 4))
        .each(textOf((d) => d.label));
      gAxes
        .selectAll<SVGLineElement, SeriesModel['yTicks'][number]>('line.y-grid')
        .data(model.yTicks, (d) => d.label)
        .join((enter) => enter.append('line').attr('class', 'y-grid'))
        .each(attrOf('x1', () => margin.left))
        .each(attrOf('x2', () => width - margin.right))
        .each(attrOf('y1', (d) => d.y))
        .each(attrOf('y2', (d) => d.y));
      error.each(attrOf('d', () => model.errorPath));
      desired.each(attrOf('d', () => model.desiredPath));
      ready.each(attrOf('d', () => model.readyPath));
      gMarkers
        .selectAll<SVGLineElement, SeriesModel['markers'][number]>('line')
        .data(model.markers, (d) => d.key)
        .join((enter) => {
          const l = enter.append('line');
          l.append('title');
          return l;
        })
        .each(attrOf('class', (d) => `series-marker marker-${d.kind}`))
        .each(attrOf('x1', (d) => d.x))
        .each(attrOf('x2', (d) => d.x))
        .each(attrOf('y1', () => margin.top))
        .each(attrOf('y2', () => height - margin.bottom))
        .call((l) => l.select('title').each(textOf((d) => d.label)));
      now
        .each(attrOf('x1', () => model.nowX))
        .each(attrOf('x2', () => model.nowX))
        .each(attrOf('y1', () => margin.top))
        .each(attrOf('y2', () => height - margin.bottom));
    },
    destroy() {
      root.selectAll('*').remove();
    },
  };
}

/** What a metric chart draws: points, markers for injects and decisions, and the target line. */
export interface ChartPoint {
  day: number;
  value: number;
}

export interface ChartMarker {
  day: number;
  kind: 'inject' | 'decision';
  label: string;
}

export interface ChartTarget {
  threshold: number;
  label: string;
}

/**
 * Whether `value` sits on an action parameter's grid: `min`, `min + step`, `min + 2 * step`, ...
 * A small tolerance absorbs binary fractions such as 0.1.
 */
export function onStep(value: number, min: number, step: number): boolean {
  const steps = (value - min) / step;
  return Math.abs(steps - Math.round(steps)) < 1e-9;
}

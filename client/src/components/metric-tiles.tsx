import type { TileData } from '../lib/dashboard';
import { MetricTile } from './metric-tile';

/** The situation dashboard: one tile per metric. */
export function MetricTiles({ tiles, large = false }: { tiles: TileData[]; large?: boolean }) {
  return (
    <div className="metric-grid">
      {tiles.map((t) => (
        <MetricTile key={t.metric} {...t} large={large} />
      ))}
    </div>
  );
}

// Heat tiles as small canvases (TILE_BUCKETS × HEAT_ROWS pixels), made once per tile and colour key and
// stretched with drawImage: one call per tile per frame, however many lanes and packets it covers.

import type { HeatTile } from '../heatTile';
import { TILE_BUCKETS } from '../lod';
import type { HeatImages } from './heatStrips';

export function canvasHeatImages(ctx: CanvasRenderingContext2D): HeatImages {
  return {
    draw(
      tile: HeatTile,
      key: string,
      rgba: () => Uint8ClampedArray,
      x: number,
      y: number,
      w: number,
      h: number,
    ) {
      const old = tile.image instanceof HTMLCanvasElement ? tile.image : null;
      if (old === null || tile.imageKey !== key) {
        const px = rgba();
        const rows = px.length / 4 / TILE_BUCKETS;
        // New colours for a tile (the busiest cell grew while a fleet runs: every tile in view) reuse
        // its canvas: creating one and its context cost as much as the pixels.
        const canvas = old !== null && old.height === rows ? old : document.createElement('canvas');
        canvas.width = TILE_BUCKETS;
        canvas.height = rows;
        const c = canvas.getContext('2d');
        if (c === null) return;
        const data = c.createImageData(canvas.width, canvas.height);
        data.data.set(px);
        c.putImageData(data, 0, 0);
        tile.image = canvas;
        tile.imageKey = key;
      }
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(tile.image as HTMLCanvasElement, x, y, w, h);
      ctx.imageSmoothingEnabled = true;
    },
  };
}

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
      if (tile.imageKey !== key || !(tile.image instanceof HTMLCanvasElement)) {
        const px = rgba();
        const canvas = document.createElement('canvas');
        canvas.width = TILE_BUCKETS;
        canvas.height = px.length / 4 / TILE_BUCKETS;
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

// The timeline on screen (its model and element), for the image export buttons.

import type { TimelineModelImpl } from './timelineImpl';

export const currentTimeline: { model: TimelineModelImpl | null; element: HTMLElement | null } = {
  model: null,
  element: null,
};

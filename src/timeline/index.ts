// The timeline's public API: the component the shell mounts, the model it reads, image export.
export { TimelineView, type TimelineViewProps } from './TimelineView';
export {
  TimelineModel,
  BROKER_LANE,
  type LaneActivity,
  type LaneGroup,
  type TimelineModelOptions,
  type Takeover,
} from './model';
export {
  exportTimelinePng,
  exportTimelineSvg,
  drawTimelineImage,
  type TimelineImageOptions,
} from './exportImage';
export { groupKeyOf } from './groups';
export { SPAN_STATES, type SpanState } from './spans';
export { paletteFor, type Palette, type ThemeName } from './theme';
export { formatTime } from './scales';

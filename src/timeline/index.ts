// The timeline's public API: the component the shell mounts and the model it reads. Image export
// (exportImage.ts) is loaded on first use, so it is imported from its own file, not from here.
export { TimelineView, type TimelineViewProps } from './TimelineView';
export {
  TimelineModel,
  BROKER_LANE,
  type LaneActivity,
  type LaneGroup,
  type TimelineModelOptions,
  type Takeover,
} from './model';
export { groupKeyOf } from './groups';
export { SPAN_STATES, type SpanState } from './spans';
export { paletteFor, type Palette, type ThemeName } from './theme';
export { formatTime } from '../base/format';

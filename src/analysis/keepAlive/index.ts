// The keep-alive calculator: detection delay and keep-alive traffic for a fleet, worked out from the
// standard and the broker profiles, a simulation that checks them, and the same figures measured
// from a trace. Pure: numbers and scenarios in, numbers out.

export * from './inputs';
export { sendCycle, type Rhythm, type SendCycle } from './sendCycle';
export {
  detectionDelay,
  idleWindow,
  type DelayFigures,
  type DetectionDelay,
  type IdleWindow,
} from './detection';
export { DAY_MS, PING_PACKET_BYTES, keepAliveTraffic, type KeepAliveTraffic } from './traffic';
export {
  CURVE_MAX_K,
  CURVE_MIN_K,
  delayCurves,
  keepAliveSamples,
  trafficCurve,
  type DelayPoint,
  type ProfileCurve,
  type TrafficPoint,
} from './curves';
export {
  MIN_SPREAD_MS,
  SCENARIO_SENSOR_CAP,
  calculatorPlan,
  calculatorScenario,
  shuffleMultiplier,
  type CalculatorPlan,
  type SensorPlan,
} from './scenario';
export {
  measureKeepAlive,
  type MeasureOptions,
  type MeasuredDetection,
  type MeasuredKeepAlive,
} from './measure';

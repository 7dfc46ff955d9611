// Which rules of the standard a step cites, and from which version. Statement ids are numbered per
// version, and the same id can name different rules (MQTT-3.1.2-23: "the client must ping" in
// MQTT 3.1.1, Session Expiry in MQTT 5), so an id is only meaningful with its version.

import { getPreset } from '../scenario/presets';
import type { ProtocolLevel } from '../scenario/types';
import type { Lesson, LessonStep } from './types';

/**
 * The version of the standard a step's ids are from: its `specProtocol`, else the lesson scenario's
 * `protocol` (a preset's, for a preset's name), else 4 (MQTT 3.1.1, the scenario format's default).
 */
export function stepSpecProtocol(lesson: Pick<Lesson, 'scenario'>, step: LessonStep): ProtocolLevel {
  if (step.specProtocol !== undefined) return step.specProtocol;
  const scenario =
    typeof lesson.scenario === 'string' ? getPreset(lesson.scenario)?.scenario : lesson.scenario;
  return scenario?.protocol ?? 4;
}

/** The ids to show for a step: its what-if's `spec` while the what-if is shown (when it has one). */
export function stepSpecIds(step: LessonStep, whatIfShown = false): string[] {
  return whatIfShown && step.whatIf?.spec !== undefined ? step.whatIf.spec : step.spec;
}

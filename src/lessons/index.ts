// The lessons package: guided lessons as data (the format and its validation), the run a lesson
// reads (selectors, refs, checks), the catalog, and sharing a lesson as a link. Pure: no DOM, no
// React, no wall clock, no Math.random; a lesson and its profile fully determine what it shows.

export * from './types';
export { LessonError, LessonTraceError, type LessonIssue } from './errors';
export * from './limits';
export { parseLesson, parseLessonText } from './parse';
export { SelectorError, parseSelector, matches, type Nth, type Selector } from './selector';
export { RefError, parseRef, type EventRef, type ProfileRef, type Ref } from './ref';
export { FIELDS, fieldType, type FieldType } from './facts';
export { formatHex, formatNumber } from './format';
export { TemplateError, parseTemplate, type TextPart } from './template';
export { ExpressionError, parseExpression, type Expr } from './expression';
export { WhatIfPathError, applyWhatIf, parsePath } from './whatIf';
export { typedNumbers } from './lint';
export { PROFILE_TITLES } from './profiles';
export { LessonTrace, type CheckOutcome, type FilledStep, type OtherTraces } from './trace';
export {
  LessonRuns,
  baseScenario,
  lessonScenario,
  runLesson,
  type LessonRunOptions,
  type LessonScenarioOptions,
} from './run';
export { asList, checkLesson, lessonFailures, stepTexts, type LessonCheckResult } from './check';
export { stepSpecIds, stepSpecProtocol } from './statements';
export { LESSONS, getLesson } from './catalog';
export { decodeLessonData, encodeLessonData, lessonDataHash } from './link';

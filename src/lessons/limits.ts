// Size limits of a lesson, checked before anything is built from it: a lesson can arrive in a link,
// and running one must stay quick (the player and the tests run it synchronously under every profile).

/** JSON text of a lesson (an import or a decompressed link), characters. */
export const MAX_LESSON_CHARS = 200_000;
/** A lesson link's compressed text, characters. */
export const MAX_LINK_CHARS = 200_000;

export const MIN_STEPS = 3;
export const MAX_STEPS = 8;

/** Step text, what-if text, predict question and explanation. */
export const MAX_TEXT_CHARS = 2_000;
/** Titles, summary, labels, claims, choices. */
export const MAX_LINE_CHARS = 300;
export const MAX_ID_CHARS = 64;
/** Selectors and expressions. */
export const MAX_SELECTOR_CHARS = 300;
export const MAX_EXPRESSION_CHARS = 2_000;

export const MAX_CHECKS = 10;
export const MAX_SPEC_IDS = 10;
export const MAX_HIGHLIGHTS = 20;
export const MIN_CHOICES = 2;
export const MAX_CHOICES = 5;
/** A what-if changes one idea: one to three scenario paths. */
export const MAX_WHAT_IF_PATHS = 3;

/** The resolved scenario: clients after expansion, events, duration. */
export const MAX_CLIENTS = 50;
export const MAX_EVENTS = 100;
export const MAX_DURATION_MS = 10 * 60 * 1000;

// Placeholders in a client group: `{n}` in the ID numbers the group's clients from 1; `{id}` in will
// and publish topics and payloads and in subscription filters stands for the client's own ID.

export const NUMBER_PLACEHOLDER = '{n}';
export const ID_PLACEHOLDER = '{id}';

/** A filler for one template, decided once per group so that a 100 000-client group stays linear. */
export type Fill = (value: string) => string;

export function filler(template: string, placeholder: string): Fill {
  if (!template.includes(placeholder)) return () => template;
  const parts = template.split(placeholder);
  return (value) => parts.join(value);
}

// How deep a parsed JSON value nests, measured without recursion: JSON.parse reads a million nested
// arrays happily, but JSON.stringify, structuredClone and any recursive walk of the result overflow
// the stack on it.

/** Whether `value` nests objects and arrays more than `max` levels deep (a scalar is level 0). */
export function jsonDepthOver(value: unknown, max: number): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > max) return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}

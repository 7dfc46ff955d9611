// Subscriptions indexed by topic level, so routing a PUBLISH costs the depth of its topic, not the
// number of sessions: a fleet of 100 000 sensors publishing to topics nobody reads must stay cheap.
// Matching follows [MQTT-4.7.1-2] ('#' matches the parent level and all below) and [MQTT-4.7.1-3]
// ('+' matches one level); topics starting with '$' do not match wildcards at the first level
// [MQTT-4.7.2-1].

interface TopicNode<S> {
  children: Map<string, TopicNode<S>>;
  /** Subscribers whose filter ends at this node, with their QoS. */
  exact: Map<S, number>;
  /** Subscribers whose filter is this node's path followed by '#'. */
  multi: Map<S, number>;
}

function node<S>(): TopicNode<S> {
  return { children: new Map(), exact: new Map(), multi: new Map() };
}

export class TopicTree<S> {
  private root: TopicNode<S> = node();
  private changes = 0;

  /** Changes with every subscription added or removed: a match result holds while it is the same. */
  get version(): number {
    return this.changes;
  }

  add(filter: string, subscriber: S, qos: number): void {
    this.changes++;
    const levels = filter.split('/');
    let at = this.root;
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i];
      if (level === '#') {
        at.multi.set(subscriber, qos);
        return;
      }
      let next = at.children.get(level);
      if (next === undefined) {
        next = node();
        at.children.set(level, next);
      }
      at = next;
    }
    at.exact.set(subscriber, qos);
  }

  remove(filter: string, subscriber: S): void {
    this.changes++;
    const levels = filter.split('/');
    let at: TopicNode<S> | undefined = this.root;
    for (let i = 0; i < levels.length && at !== undefined; i++) {
      if (levels[i] === '#') {
        at.multi.delete(subscriber);
        return;
      }
      at = at.children.get(levels[i]);
    }
    at?.exact.delete(subscriber);
  }

  /** Removes every subscription. */
  clear(): void {
    this.changes++;
    this.root = node();
  }

  /** Calls `visit` once per matching subscription (a subscriber with overlapping filters: once each). */
  match(topic: string, visit: (subscriber: S, qos: number) => void): void {
    const levels = topic.split('/');
    this.walk(this.root, levels, 0, topic.charCodeAt(0) === 36 /* $ */, visit);
  }

  private walk(
    at: TopicNode<S>,
    levels: string[],
    depth: number,
    system: boolean,
    visit: (subscriber: S, qos: number) => void,
  ): void {
    const wildcardsAllowed = !(system && depth === 0);
    if (wildcardsAllowed) at.multi.forEach((qos, s) => visit(s, qos));
    if (depth === levels.length) {
      at.exact.forEach((qos, s) => visit(s, qos));
      return;
    }
    const exact = at.children.get(levels[depth]);
    if (exact !== undefined) this.walk(exact, levels, depth + 1, system, visit);
    if (wildcardsAllowed) {
      const plus = at.children.get('+');
      if (plus !== undefined) this.walk(plus, levels, depth + 1, system, visit);
    }
  }
}

// Live mode's page-side state that outlives the live panel's lazy chunk and that the shell reads: the
// one-line connection status in the live bar, what a share link carries (broker URL, subscriptions,
// traffic filter; never a client ID, user name or password), the subscriptions to make at the next
// Connect, the open tab, and what was published from the page; and closing live mode (the live bar's
// button and the header's). No mqtt.js here: the shell's first bundle imports this module.
import { create } from 'zustand';
import type { TrafficFilter } from '../../live/filter';
import type { LiveSubscription } from '../../live/subscriptions';

export type LiveTab =
  'connection' | 'subscriptions' | 'publish' | 'traffic' | 'probes' | 'events' | 'scenario';

export type StatusTone = 'idle' | 'busy' | 'ok' | 'problem';

/** What a `#live=` link carries. */
export interface LiveShare {
  url: string;
  subscriptions: readonly LiveSubscription[];
  filter: TrafficFilter;
}

/** A message published from the page, newest first in `published`. */
export interface PublishedEntry {
  id: number;
  /** Wall-clock time it was sent (shown as a time of day). */
  at: number;
  topic: string;
  format: 'text' | 'json' | 'hex' | 'base64';
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  messageExpiry: string;
  contentType: string;
  userProperties: { name: string; value: string }[];
  /** null while it is on its way; '' once the broker took it; else why not. */
  outcome: string | null;
}

/** Messages remembered in the publish history (this page only, never stored). */
export const PUBLISH_HISTORY = 20;

export interface LiveUiState {
  status: { text: string; tone: StatusTone };
  /** Null until the panel knows a broker URL. */
  share: LiveShare | null;
  /** The user's subscriptions, made at the next Connect (and changed on the broker while connected). */
  subscriptions: readonly LiveSubscription[];
  filter: TrafficFilter;
  tab: LiveTab;
  published: readonly PublishedEntry[];
  setStatus(text: string, tone: StatusTone): void;
  setShare(share: LiveShare | null): void;
  setSubscriptions(subscriptions: readonly LiveSubscription[]): void;
  setFilter(filter: TrafficFilter): void;
  setTab(tab: LiveTab): void;
  addPublished(entry: PublishedEntry): void;
  settlePublished(id: number, outcome: string): void;
}

export const useLiveUi = create<LiveUiState>()((set) => ({
  status: { text: 'Not connected.', tone: 'idle' },
  share: null,
  subscriptions: [{ filter: '#', qos: 0 }],
  filter: { topic: '', payload: '' },
  tab: 'connection',
  published: [],
  setStatus: (text, tone) => set({ status: { text, tone } }),
  setShare: (share) => set({ share }),
  setSubscriptions: (subscriptions) => set({ subscriptions }),
  setFilter: (filter) => set({ filter }),
  setTab: (tab) => set({ tab }),
  addPublished: (entry) => set((s) => ({ published: [entry, ...s.published].slice(0, PUBLISH_HISTORY) })),
  settlePublished: (id, outcome) =>
    set((s) => ({ published: s.published.map((p) => (p.id === id ? { ...p, outcome } : p)) })),
}));

/** Closes live mode and drops its link from the address bar: a reload then opens what the page shows. */
export function closeLiveMode(close: () => void): void {
  if (location.hash.startsWith('#live=')) history.replaceState(null, '', location.pathname + location.search);
  close();
}

// A failure while rendering the part of the page this wraps (a panel, the timeline) shows one line
// and a Reload button in that part's place, instead of unmounting the whole page into a white one:
// every other part keeps working. Reload renders the part again from the current state (the app's
// `onReload` may first put that state right, e.g. go back to the last scenario that ran).

import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  children: ReactNode;
  /** What the wrapped part is, for the message: "The timeline". */
  label: string;
  /** Called once per failure (the app may log it or notify). */
  onError?: (error: unknown, info: ErrorInfo) => void;
  /** Called when the user presses Reload, before the part renders again. */
  onReload?: () => void;
}

interface ErrorBoundaryState {
  /** The failure's message, one line; null while the part renders fine. */
  failure: string | null;
}

/** Longest message shown; the full error goes to `onError` and the console. */
const MAX_MESSAGE_CHARS = 200;

/** An error's message as one line of plain text (a message may quote user input: React shows it as text). */
export function oneLine(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = raw.split('\n', 1)[0].trim() || 'unknown error';
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS - 1)}…` : line;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failure: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { failure: oneLine(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error);
    this.props.onError?.(error, info);
  }

  readonly reload = (): void => {
    this.props.onReload?.();
    this.setState({ failure: null });
  };

  override render(): ReactNode {
    const { failure } = this.state;
    if (failure === null) return this.props.children;
    return (
      <p role="alert" className="notice error error-boundary">
        <span className="notice-text">
          {this.props.label} failed: {failure}
        </span>{' '}
        <button type="button" onClick={this.reload}>
          Reload
        </button>
      </p>
    );
  }
}

import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** changes when the user moves to another screen: the boundary resets */
  resetKey: string;
  children: ReactNode;
}
interface State {
  error: Error | null;
}

/** Catches a screen's rendering error so that the rest of the app keeps working. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Folio: a screen failed to render', error, info.componentStack);
  }

  override componentDidUpdate(prev: Props): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h2>This screen stopped working</h2>
        <p>
          Nothing you saved is lost: statements, history and settings live in the engine, not in this
          screen. Try again, or move to another screen.
        </p>
        <pre className="crash-detail">{error.message}</pre>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}

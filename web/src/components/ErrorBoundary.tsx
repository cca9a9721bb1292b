import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface State {
  error: Error | null;
}

/** Any render failure below it shows a message in the user's language instead of a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('render failed', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <div className="panel crash" role="alert" data-testid="error-boundary">
            <h2>{t('app.crashed')}</h2>
            <p>{t('app.crashedHint')}</p>
            <button type="button" onClick={() => window.location.reload()}>
              {t('app.reload')}
            </button>
          </div>
        )}
      </Translation>
    );
  }
}

import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';

/** The API's message (already in the user's language), or a translated fallback for network failures. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      if (error.code === 'network_error') return t('app.networkError');
      return error.message || t('app.genericError', { status: error.status });
    }
    return t('app.crashed');
  };
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!error) return null;
  return (
    <div className="alert error" role="alert" data-code={error instanceof ApiError ? error.code : undefined}>
      <span>{text(error)}</span>
      {onRetry ? (
        <button type="button" className="link" onClick={onRetry}>
          {t('app.retry')}
        </button>
      ) : null}
    </div>
  );
}

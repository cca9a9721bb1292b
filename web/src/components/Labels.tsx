import { useTranslation } from 'react-i18next';
import type { FeedbackStatus, Nature, Priority } from '../../../shared/enums.js';
import { areaLabelOf, useBusinessAreas } from '../business-areas.js';

export function StatusLabel({ status }: { status: FeedbackStatus }) {
  const { t } = useTranslation();
  return <span className={`pill status-${status}`}>{t(`status.${status}`)}</span>;
}

export function PriorityLabel({ priority, title }: { priority: Priority; title?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`pill priority-${priority}`} title={title}>
      {t(`priority.${priority}`)}
    </span>
  );
}

export function NatureLabel({ nature }: { nature: Nature | null }) {
  const { t } = useTranslation();
  if (!nature) return <span className="muted">{t('app.none')}</span>;
  return <span className={`nature nature-${nature}`}>{t(`nature.${nature}`)}</span>;
}

/**
 * Business areas are deployment codes: shown with the catalogue's label (GET /business-areas) in the
 * user's language; a code not in the catalogue falls back to the built-in translation, else the code.
 */
export function useAreaLabel(): (code: string | null) => string {
  const { t, i18n } = useTranslation();
  const areas = useBusinessAreas();
  return (code) =>
    code
      ? (areaLabelOf(areas, code, i18n.language) ?? t(`area.${code}`, { defaultValue: code }))
      : t('app.none');
}

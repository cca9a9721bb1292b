import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES, type Language } from '../i18n/index.js';

const NAMES: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <label className="lang">
      <span className="sr-only">{t('app.language')}</span>
      <select
        aria-label={t('app.language')}
        data-testid="language"
        value={currentLanguage()}
        onChange={(e) => void changeLanguage(e.target.value as Language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

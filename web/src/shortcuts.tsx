import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Keys typed into a field are the user's text, never shortcuts. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/**
 * Single-key shortcuts of a page (`{ j: next, k: previous }`), active while the component is mounted; ignored
 * while typing in a field or with Ctrl/Alt/Meta held. A handled key does not reach the page.
 */
export function useShortcuts(map: Record<string, () => void>): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented || typing(e.target)) return;
      const fn = ref.current[e.key];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

const HELP = [
  ['j', 'shortcuts.next'],
  ['k', 'shortcuts.previous'],
  ['o', 'shortcuts.open'],
  ['x', 'shortcuts.select'],
  ['r', 'shortcuts.reply'],
  ['n', 'shortcuts.note'],
  ['a', 'shortcuts.assign'],
  ['g i', 'shortcuts.inbox'],
  ['?', 'shortcuts.help'],
  ['Esc', 'shortcuts.close'],
] as const;

/** "?" opens the list of shortcuts (Esc or the button closes it); "g" then "i" goes to the inbox. */
export function ShortcutHelp({ onInbox }: { onInbox: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const pendingG = useRef(0);
  const closeRef = useRef<HTMLButtonElement>(null);
  useShortcuts({
    '?': () => setOpen((o) => !o),
    ['Escape']: () => setOpen(false),
    g: () => {
      pendingG.current = Date.now();
    },
    i: () => {
      if (Date.now() - pendingG.current < 1500) onInbox();
    },
  });
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
      <div className="panel overlay-box">
        <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
        <table className="items">
          <tbody>
            {HELP.map(([key, label]) => (
              <tr key={key}>
                <td>
                  <kbd>{key}</kbd>
                </td>
                <td>{t(label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          ref={closeRef}
          type="button"
          onClick={() => setOpen(false)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          {t('shortcuts.closeButton')}
        </button>
      </div>
    </div>
  );
}

import type { Locale } from '@vikno/shared/browser';
import { useState } from 'react';

// The Ukrainian ЙЦУКЕН layout and the Latin one; a visitor switches with one key. Codes for
// appointments use only Latin capitals and digits, so that layout has a digit row.
const layouts = {
  cyrillic: ['йцукенгшщзхї', 'фівапролджєґ', "ячсмитьбю'"],
  latin: ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
} as const;
export type Layout = keyof typeof layouts;

interface Props {
  locale: Locale;
  initial: Layout;
  /** Codes are typed in capitals. */
  capitals?: boolean;
  onKey: (key: string) => void;
  onBackspace: () => void;
  onClear: () => void;
  /** Offer the other layout (a code needs only Latin). */
  switchable?: boolean;
}

export function OnScreenKeyboard({ locale, initial, capitals = false, onKey, onBackspace, onClear, switchable = true }: Props) {
  const [layout, setLayout] = useState<Layout>(initial);
  const other: Layout = layout === 'cyrillic' ? 'latin' : 'cyrillic';
  const otherName = locale.t(other === 'cyrillic' ? 'kiosk.keyboard.cyrillic' : 'kiosk.keyboard.latin');
  return (
    <fieldset className="keyboard" aria-label={locale.t('kiosk.keyboard')}>
      {layouts[layout].map((row) => (
        <div className="keyboard-row" key={row}>
          {[...row].map((key) => {
            const shown = capitals ? key.toUpperCase() : key;
            return (
              <button key={key} type="button" className="key" onClick={() => onKey(shown)}>
                {shown}
              </button>
            );
          })}
        </div>
      ))}
      <div className="keyboard-row">
        {switchable && (
          <button
            type="button"
            className="key key-wide"
            aria-label={locale.t('kiosk.keyboard.switchTo', { layout: otherName })}
            onClick={() => setLayout(other)}
          >
            {otherName}
          </button>
        )}
        <button type="button" className="key key-space" onClick={() => onKey(' ')}>
          {locale.t('kiosk.keyboard.space')}
        </button>
        <button type="button" className="key key-wide" aria-label={locale.t('kiosk.keyboard.backspace')} onClick={onBackspace}>
          ⌫
        </button>
        <button type="button" className="key key-wide" onClick={onClear}>
          {locale.t('kiosk.keyboard.clear')}
        </button>
      </div>
    </fieldset>
  );
}

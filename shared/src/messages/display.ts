// The display app's strings. uk and en are complete (the type checks it); ru and hu may be partial
// and fall back to English per string.
export const displayEn = {
  'display.clock': 'Current time',
  'display.ticker': 'Announcements',
  'display.soundBlocked': 'The browser has blocked the sound: press a key or touch the screen',
  'display.transfers': 'Transferred',
  'display.transfer.item': 'Ticket {number} transferred: {target}',
  'display.transfer.window': 'window {window}',
  'display.transfer.operator': 'operator, window {window}',
  'display.transfer.operatorAway': 'operator, not at a window yet',
} as const;
type Key = keyof typeof displayEn;
export const displayUk: Record<Key, string> = {
  'display.clock': 'Поточний час',
  'display.ticker': 'Оголошення',
  'display.soundBlocked': 'Браузер вимкнув звук: натисніть клавішу або торкніться екрана',
  'display.transfers': 'Переадресовано',
  'display.transfer.item': 'Талон {number} переадресовано: {target}',
  'display.transfer.window': 'вікно {window}',
  'display.transfer.operator': 'оператор, вікно {window}',
  'display.transfer.operatorAway': 'оператор, ще не у вікні',
};
export const displayRu: Partial<Record<Key, string>> = {
  'display.clock': 'Текущее время',
  'display.ticker': 'Объявления',
  'display.soundBlocked': 'Браузер отключил звук: нажмите клавишу или коснитесь экрана',
};
export const displayHu: Partial<Record<Key, string>> = {
  'display.clock': 'Pontos idő',
  'display.ticker': 'Közlemények',
  'display.soundBlocked': 'A böngésző letiltotta a hangot: nyomjon meg egy billentyűt, vagy érintse meg a képernyőt',
};

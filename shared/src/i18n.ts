// The catalog of every string the apps show. Service, group, zone and category names are not here:
// they come from the centre's config in each of its languages (see `localized`).
import type { ErrorCode } from './commands.js';
import type { LocalizedText } from './config.js';
import { adminEn, adminUk } from './messages/admin.js';
import { centralEn, centralUk } from './messages/central.js';
import { configEn, configUk } from './messages/config.js';
import { counterEn, counterHu, counterRu, counterUk } from './messages/counter.js';
import { displayEn, displayHu, displayRu, displayUk } from './messages/display.js';
import { kioskEn, kioskHu, kioskRu, kioskUk } from './messages/kiosk.js';
import { publicEn, publicUk } from './messages/public.js';

const common = {
  'app.kiosk': 'Ticket kiosk',
  'app.display': 'Hall display',
  'app.counter': 'Counter terminal',
  'language.native': 'English',
  'language.choose': 'Choose your language',
  'language.switch': 'Language',
  'connection.online': 'Connected',
  'connection.connecting': 'Connecting to the hub…',
  'connection.offline': 'No connection to the hub',
  'connection.hubOffline': 'The hub is not running',
  'device.rejected': 'The hub refused these credentials',
  'device.pair.title': 'Enter the pairing code',
  'device.pair.hint': 'The admin page shows it under Devices: Add device or Replace device. It works once, for a few minutes.',
  'device.pair.code': 'Pairing code',
  'device.pair.submit': 'Pair this device',
  'device.pair.erase': 'Erase the last character',
  'device.pair.clear': 'Clear the code',
  'device.pair.keys': 'Code characters',
  'device.pair.sending': 'Pairing…',
  'device.pair.unknown': 'This code does not work: it was used, has expired, or was mistyped. Ask the admin for a new one.',
  'device.pair.tooMany': 'Too many wrong codes from this device. Wait a few minutes, then try again.',
  'device.pair.offline': 'The hub cannot be reached. Check the network and try again.',
  'device.pair.revoked': 'The hub no longer accepts this device: it was revoked or replaced. Pair it again.',
  'device.pair.paired': 'Paired as {device}',
  'calls.title': 'Now serving',
  'calls.none': 'No calls yet',
  'calls.ticket': 'Ticket',
  'calls.window': 'Window',
  'calls.item': 'Ticket {number}, window {window}',
  'queue.waiting': 'Waiting',
  'queue.estimate': 'About {minutes} min',
  'queue.estimateRange': '{low}–{high} min',
  'queue.services': 'Services',
  'queue.waitingCount': 'Waiting: {count}',
  'kiosk.chooseService': 'Choose a service',
  'counters.title': 'Counters',
  'counters.none': 'No counter has reported yet',
  'counters.window': 'Window',
  'counters.status': 'Status',
  'counters.operator': 'Operator',
  'counters.ticket': 'Current ticket',
  'counterStatus.open': 'Open',
  'counterStatus.paused': 'Paused',
  'counterStatus.closed': 'Closed',
  'foundation.pending': 'This app is being built. The hub, the queue and the connection already work.',
  'error.bad_request': 'The request was malformed',
  'error.forbidden': 'This device may not do that',
  'error.not_logged_in': 'Log in first',
  'error.wrong_pin': 'Wrong username or PIN',
  'error.pin_locked': 'Too many wrong PINs for this user. Try again in a few minutes.',
  'error.unknown_service': 'No such service',
  'error.unknown_counter': 'No such counter',
  'error.unknown_operator': 'No such operator',
  'error.unknown_ticket': 'No such ticket today',
  'error.unknown_appointment': 'No appointment with that code',
  'error.unknown_priority': 'No such priority category',
  'error.unknown_outcome': 'No such outcome mark',
  'error.queue_empty': 'No one is waiting',
  'error.no_current_ticket': 'There is no current ticket',
  'error.has_current_ticket': 'Finish the current ticket first',
  'error.already_called': 'The ticket has already been called',
  'error.counter_busy': 'Another operator works at this counter',
  'error.counter_closed': 'The counter is closed or paused',
  'error.counter_not_allowed': 'You may not work at this counter',
  'error.not_serving_service': 'This counter does not serve that service',
  'error.appointment_used': 'This appointment has already been used',
  'error.unknown_case': 'No such case today',
  'error.case_ready': 'This case is already ready for pickup',
  'error.service_closed': 'Tickets are not issued at this time',
  'error.day_full': 'No more tickets for this service today',
  'error.auto_call_unavailable': 'This window does not call visitors by itself',
  'error.no_other_window': 'No other open window serves this service now',
  'error.internal': 'Something went wrong at the hub',
  'error.timeout': 'The hub did not answer in time',
} as const;

const en = { ...common, ...kioskEn, ...displayEn, ...counterEn, ...adminEn, ...configEn, ...publicEn, ...centralEn };
export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;

const uk: Catalog = {
  ...adminUk,
  ...centralUk,
  ...configUk,
  ...publicUk,
  ...kioskUk,
  ...displayUk,
  ...counterUk,
  'app.kiosk': 'Термінал видачі талонів',
  'app.display': 'Табло залу',
  'app.counter': 'Робоче місце оператора',
  'language.native': 'Українська',
  'language.choose': 'Оберіть мову',
  'language.switch': 'Мова',
  'connection.online': "З'єднано",
  'connection.connecting': "З'єднання з сервером…",
  'connection.offline': "Немає з'єднання з сервером",
  'connection.hubOffline': 'Сервер черги не працює',
  'device.rejected': 'Сервер відхилив ці облікові дані',
  'device.pair.title': 'Введіть код підключення',
  'device.pair.hint':
    'Його показує сторінка адміністратора в розділі «Пристрої»: «Додати пристрій» або «Замінити пристрій». Код діє один раз, кілька хвилин.',
  'device.pair.code': 'Код підключення',
  'device.pair.submit': 'Підключити цей пристрій',
  'device.pair.erase': 'Стерти останній символ',
  'device.pair.clear': 'Очистити код',
  'device.pair.keys': 'Символи коду',
  'device.pair.sending': 'Підключення…',
  'device.pair.unknown': 'Цей код не діє: його вже використано, строк минув або його введено з помилкою. Попросіть у адміністратора новий.',
  'device.pair.tooMany': 'Забагато неправильних кодів з цього пристрою. Зачекайте кілька хвилин і спробуйте знову.',
  'device.pair.offline': 'Сервер недоступний. Перевірте мережу і спробуйте знову.',
  'device.pair.revoked': 'Сервер більше не приймає цей пристрій: його відключено або замінено. Підключіть його знову.',
  'device.pair.paired': 'Підключено як {device}',
  'calls.title': 'Запрошуються',
  'calls.none': 'Викликів ще не було',
  'calls.ticket': 'Талон',
  'calls.window': 'Вікно',
  'calls.item': 'Талон {number}, вікно {window}',
  'queue.waiting': 'Очікують',
  'queue.estimate': 'Близько {minutes} хв',
  'queue.estimateRange': '{low}–{high} хв',
  'queue.services': 'Послуги',
  'queue.waitingCount': 'Очікують: {count}',
  'kiosk.chooseService': 'Оберіть послугу',
  'counters.title': 'Робочі місця',
  'counters.none': 'Робочі місця ще не передали стан',
  'counters.window': 'Вікно',
  'counters.status': 'Стан',
  'counters.operator': 'Оператор',
  'counters.ticket': 'Поточний талон',
  'counterStatus.open': 'Працює',
  'counterStatus.paused': 'Перерва',
  'counterStatus.closed': 'Зачинено',
  'foundation.pending': "Застосунок у розробці. Сервер, черга та з'єднання вже працюють.",
  'error.bad_request': 'Неправильний запит',
  'error.forbidden': 'Цьому пристрою це не дозволено',
  'error.not_logged_in': 'Спершу увійдіть',
  'error.wrong_pin': "Неправильне ім'я користувача або PIN",
  'error.pin_locked': 'Забагато неправильних PIN-кодів для цього користувача. Спробуйте за кілька хвилин.',
  'error.unknown_service': 'Такої послуги немає',
  'error.unknown_counter': 'Такого робочого місця немає',
  'error.unknown_operator': 'Такого оператора немає',
  'error.unknown_ticket': 'Такого талона сьогодні немає',
  'error.unknown_appointment': 'Запису з таким кодом немає',
  'error.unknown_priority': 'Такої пільгової категорії немає',
  'error.unknown_outcome': 'Такої позначки результату немає',
  'error.queue_empty': 'Ніхто не очікує',
  'error.no_current_ticket': 'Немає поточного талона',
  'error.has_current_ticket': 'Спершу завершіть поточний талон',
  'error.already_called': 'Цей талон уже викликано',
  'error.counter_busy': 'На цьому робочому місці працює інший оператор',
  'error.counter_closed': 'Робоче місце закрите або на паузі',
  'error.counter_not_allowed': 'Вам не дозволено працювати на цьому місці',
  'error.not_serving_service': 'Це робоче місце не надає цієї послуги',
  'error.appointment_used': 'Цей запис уже використано',
  'error.unknown_case': 'Такої справи сьогодні немає',
  'error.case_ready': 'Ця справа вже готова до видачі',
  'error.service_closed': 'Зараз талони не видаються',
  'error.day_full': 'На сьогодні талонів на цю послугу більше немає',
  'error.auto_call_unavailable': 'Це вікно не викликає відвідувачів автоматично',
  'error.no_other_window': 'Цю послугу зараз не надає жодне інше відкрите вікно',
  'error.internal': 'На сервері сталася помилка',
  'error.timeout': 'Сервер не відповів вчасно',
};

const ru: Catalog = {
  ...en,
  ...kioskRu,
  ...displayRu,
  ...counterRu,
  'app.kiosk': 'Терминал выдачи талонов',
  'app.display': 'Табло зала',
  'app.counter': 'Рабочее место оператора',
  'language.native': 'Русский',
  'connection.online': 'Соединено',
  'connection.connecting': 'Соединение с сервером…',
  'connection.offline': 'Нет соединения с сервером',
  'connection.hubOffline': 'Сервер очереди не работает',
  'calls.title': 'Приглашаются',
  'calls.none': 'Вызовов ещё не было',
  'calls.ticket': 'Талон',
  'calls.window': 'Окно',
  'calls.item': 'Талон {number}, окно {window}',
  'queue.waiting': 'Ожидают',
  'queue.estimate': 'Около {minutes} мин',
  'queue.estimateRange': '{low}–{high} мин',
  'error.queue_empty': 'Никто не ожидает',
};

const hu: Catalog = {
  ...en,
  ...kioskHu,
  ...displayHu,
  ...counterHu,
  'app.kiosk': 'Sorszámkiadó',
  'app.display': 'Váróterem kijelző',
  'app.counter': 'Ügyintézői munkahely',
  'language.native': 'Magyar',
  'connection.online': 'Kapcsolódva',
  'connection.connecting': 'Kapcsolódás a szerverhez…',
  'connection.offline': 'Nincs kapcsolat a szerverrel',
  'connection.hubOffline': 'A sorkezelő szerver nem fut',
  'calls.title': 'Behívott sorszámok',
  'calls.none': 'Még nem volt behívás',
  'calls.ticket': 'Sorszám',
  'calls.window': 'Ablak',
  'calls.item': '{number} sorszám, {window}. ablak',
  'queue.waiting': 'Várakozik',
  'queue.estimate': 'Kb. {minutes} perc',
  'queue.estimateRange': '{low}–{high} perc',
  'error.queue_empty': 'Senki sem várakozik',
};

/** Ukrainian and English are complete; Russian and Hungarian fall back to English per string. */
export const catalogs: Record<string, Catalog> = { uk, en, ru, hu };

export function translate(lang: string, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = (catalogs[lang] ?? en)[key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function errorMessage(lang: string, code: ErrorCode | 'timeout'): string {
  return translate(lang, `error.${code}`);
}

/** A config name in the wanted language, else the first language the centre lists, else any. */
export function localized(text: LocalizedText, lang: string, fallbacks: readonly string[] = []): string {
  for (const l of [lang, ...fallbacks]) {
    const value = text[l];
    if (value) return value;
  }
  return Object.values(text)[0] ?? '';
}

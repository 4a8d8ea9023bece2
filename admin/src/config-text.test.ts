import type { ConfigProblem, EditableConfig } from '@vikno/shared';
import { makeLocale } from '@vikno/shared/browser';
import { describe, expect, it } from 'vitest';
import { changeText, problemText } from './config-text.js';

const draft = {
  site: { id: 'c', name: { uk: 'Центр' }, timezone: 'Europe/Kyiv', languages: ['uk', 'en'], businessHours: {} },
  serviceGroups: [{ id: 'docs', names: { uk: 'Документи' } }],
  services: [{ id: 'passport', group: 'docs', prefix: 'P', names: { uk: 'Паспорт' }, averageServiceMinutes: 10, active: true }],
  zones: [{ id: 'hall', names: { uk: 'Зал' } }],
  counters: [{ id: 'w1', window: 1, zone: 'hall', services: [{ service: 'nope', weight: 1 }] }],
  operators: [{ username: 'olena', name: '', roles: ['operator'], counters: [] }],
  devices: [],
  queue: { priorityCategories: [{ id: 'vet', names: { uk: '' } }] },
} as unknown as EditableConfig;

const uk = makeLocale('uk', ['uk', 'en']);
const text = (path: ConfigProblem['path'], key: ConfigProblem['key'], params = {}) => problemText({ path, key, params }, draft, uk);

describe('a refused change, as the admin page says it', () => {
  it('names the section, the item by its id and the field by its column, in the language of the page', () => {
    expect(text(['services', 0, 'prefix'], 'config.format.prefix')).toBe('Послуги › passport › Префікс: від однієї до трьох великих літер');
    expect(text(['services', 0, 'names', 'en'], 'config.missingText', { lang: 'en' })).toBe(
      'Послуги › passport › Назва (en): бракує тексту мовою en',
    );
    expect(text(['site', 'name', 'en'], 'config.missingText', { lang: 'en' })).toBe('Центр › Назва центру (en): бракує тексту мовою en');
    expect(text(['operators', 0, 'name'], 'config.empty')).toBe("Оператори › olena › Прізвище та ім'я: не може бути порожнім");
    expect(text(['queue', 'priorityCategories', 0, 'names', 'uk'], 'config.empty')).toBe(
      'Правила черги › Пільгові категорії › vet › Назва (uk): не може бути порожнім',
    );
  });

  it('says a referenced id once, and a new PIN under its operator', () => {
    expect(text(['counters', 0, 'services', 0, 'service'], 'config.unknownService', { id: 'nope' })).toBe(
      'Робочі місця › w1 › Послуги (ідентифікатор:вага, …) › nope: невідома послуга «nope»',
    );
    expect(text(['pins', 'olena'], 'config.format.pin')).toBe('Оператори › olena › Новий PIN: PIN-код із 4–8 цифр');
  });

  it('keeps the message alone for the configuration as a whole, and a position for an item with no id', () => {
    expect(text([], 'config.notApplied', { error: 'disk full' })).toBe('не застосовано: disk full');
    expect(text(['devices', 3, 'role'], 'config.required')).toBe("Пристрої › #4 › Роль: обов'язкове поле");
  });
});

describe('an applied change, as the admin page says it', () => {
  it('names the section, the item and the fields that changed, in the language of the page', () => {
    expect(changeText({ section: 'services', change: 'changed', id: 'passport', fields: ['names', 'prefix'] }, uk)).toBe(
      'Послуги: passport — Назви, Префікс',
    );
    expect(changeText({ section: 'operators', change: 'changed', id: 'olena', fields: ['name', 'pinHash'] }, uk)).toBe(
      "Оператори: olena — Прізвище та ім'я, Новий PIN",
    );
    expect(changeText({ section: 'devices', change: 'added', id: 'kiosk-3', fields: [] }, uk)).toBe('Пристрої: додано kiosk-3');
    expect(changeText({ section: 'queue.priorityCategories', change: 'removed', id: 'vet', fields: [] }, uk)).toBe(
      'Пільгові категорії: вилучено vet',
    );
    expect(changeText({ section: 'site', change: 'changed', fields: ['name', 'timezone'] }, uk)).toBe('Центр: Назви, Часовий пояс');
  });
});

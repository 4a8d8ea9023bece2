import { describe, expect, it } from 'vitest';
import { espeakText, spokenText } from './pronounce.js';

describe('what eSpeak NG reads', () => {
  it('reads ticket numbers as the hall display says them, and numbers as words', () => {
    expect(spokenText('uk', 'Ваш талон П-040. Перед вами: 3.')).toBe('Ваш талон пе сорок. Перед вами: три.');
    expect(spokenText('ru', 'Около 90 мин')).toBe('Около девяносто мин');
    expect(spokenText('en', 'Your ticket R-012')).toBe('Your ticket ar twelve');
    expect(spokenText('hu', 'SZ-001')).toBe('esz egy');
  });

  it('leaves times, decimals and numbers too large to read as they are', () => {
    expect(spokenText('uk', 'Запис на 10:30, 2.5 год, 1234567')).toBe('Запис на 10:30, 2.5 год, 1234567');
  });

  it('drops the other ending of a word written for both genders', () => {
    expect(spokenText('uk', 'Я записаний(-а) на прийом')).toBe('Я записаний на прийом');
  });

  it('gives Ukrainian words the apostrophe eSpeak reads inside a word', () => {
    expect(spokenText('uk', "зв'язку, зв’язку, п'ять")).toBe('звʼязку, звʼязку, пʼять');
  });

  it('says the words its dictionary stresses wrongly as phonemes, in any case', () => {
    expect(espeakText('uk', 'Талон А-040, вікно номер 1.')).toBe("[[t[al'on]] а [[s'oRok]], [[Bi:kn'o]] номер [[od'In]].");
    expect(espeakText('ru', 'Сорок')).toBe("[[s'orVk]]");
    expect(espeakText('en', 'forty')).toBe('forty');
  });
});

// A config the schema refuses, told as catalog messages (messages/config.ts) instead of zod's
// English: the admin pages say each problem in the supervisor's language, the hub's `check` and its
// log in English. The schema's own messages (config.ts) are catalog keys for this reason.
import type { z } from 'zod';
import { type MessageKey, translate } from './i18n.js';
import { type ConfigMessageKey, configEn } from './messages/config.js';

export interface ConfigProblem {
  /** Where in the config: `['services', 3, 'prefix']`; empty for the file as a whole. */
  path: (string | number)[];
  key: ConfigMessageKey;
  params: Record<string, string | number>;
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const isConfigKey = (text: string): text is ConfigMessageKey => Object.hasOwn(configEn, text);

/** The problems of a refused config; `input` is what was parsed, to tell what a wrong value was. */
export function configProblems(error: z.ZodError, input: unknown): ConfigProblem[] {
  return error.issues.map((issue) => problemOf(issue, issue.path as (string | number)[], input));
}

function problemOf(issue: z.core.$ZodIssue, path: (string | number)[], input: unknown): ConfigProblem {
  const at = (key: ConfigMessageKey, params: ConfigProblem['params'] = {}): ConfigProblem => ({ path, key, params });
  if (isConfigKey(issue.message)) return at(issue.message, issue.code === 'custom' ? (issue.params ?? {}) : {});
  switch (issue.code) {
    case 'invalid_type': {
      const received = typeOf(valueAt(input, path));
      if (received === 'undefined') return at('config.required');
      if (issue.expected === 'int' && received === 'number') return at('config.wholeNumber');
      return at('config.type', { expected: issue.expected, received });
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') return minimum <= 1 ? at('config.empty') : at('config.minLength', { minimum });
      if (issue.origin === 'array') return minimum <= 1 ? at('config.noItems') : at('config.minItems', { minimum });
      return at(issue.inclusive ? 'config.atLeast' : 'config.moreThan', { minimum });
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return at('config.maxLength', { maximum });
      if (issue.origin === 'array') return at('config.maxItems', { maximum });
      return at(issue.inclusive ? 'config.atMost' : 'config.lessThan', { maximum });
    }
    case 'invalid_value':
      return at('config.oneOf', { values: issue.values.map(String).join(', ') });
    case 'unrecognized_keys':
      return at('config.unknownFields', { keys: issue.keys.join(', ') });
    case 'invalid_key': {
      // A record's key (a language code in a text): the path already ends with the key.
      const inner = issue.issues[0];
      return inner ? problemOf(inner, path, input) : at('config.invalid');
    }
    case 'invalid_format':
      return at(issue.format === 'url' ? 'config.format.url' : 'config.invalid');
    default:
      return at('config.invalid');
  }
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let value = input;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** One problem's message (without its place) through `t`: the catalog in some language. */
export function configProblemMessage(problem: ConfigProblem, t: Translate): string {
  if (problem.key !== 'config.type') return t(problem.key, problem.params);
  const typeName = (name: string | number | undefined) => {
    const key = `config.type.${name}`;
    return isConfigKey(key) ? t(key) : String(name);
  };
  return t('config.type', { expected: typeName(problem.params.expected), received: typeName(problem.params.received) });
}

const english: Translate = (key, params) => translate('en', key, params);

/** A zod issue's own message in English, with a schema message of the catalog (configMessage) in words. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  return isConfigKey(issue.message) ? configProblemMessage(problemOf(issue, [], undefined), english) : issue.message;
}

/** Every problem in English, one line each with its path: `services.3.prefix: …` (the hub's `check`, its log). */
export function describeConfigProblems(problems: readonly ConfigProblem[]): string[] {
  return problems.map((p) => `${p.path.length ? p.path.join('.') : '(file)'}: ${configProblemMessage(p, english)}`);
}

/** The same for a zod error: `input` is what was parsed. */
export function describeConfigIssues(error: z.ZodError, input: unknown): string[] {
  return describeConfigProblems(configProblems(error, input));
}

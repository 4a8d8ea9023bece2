import { ApiError, callApi, httpApi } from '@vikno/shared';
import { useState } from 'react';
import type { Locale } from './locale.js';

const MAX_COMMENT = 500;

/** The 1–5 rating and optional comment offered once a visit is finished; the hub takes one per ticket. */
export function Feedback({ token, locale }: { token: string; locale: Locale }) {
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'editing' | 'sending' | 'sent'>('editing');
  const [error, setError] = useState<string | null>(null);

  if (state === 'sent')
    return (
      <p className="notice ok" role="status">
        {locale.t('feedback.thanks')}
      </p>
    );

  const send = async () => {
    if (rating === null) return setError(locale.t('feedback.chooseRating'));
    setState('sending');
    setError(null);
    try {
      await callApi(httpApi.trackFeedback, {
        params: { token },
        body: { score: rating, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      });
      setState('sent');
    } catch (e) {
      setError(e instanceof ApiError ? locale.error(e.code) : locale.t('public.offline'));
      setState('editing');
    }
  };

  return (
    <form
      className="feedback"
      aria-labelledby="feedback-title"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h2 id="feedback-title">{locale.t('feedback.title')}</h2>
      <fieldset className="stars">
        <legend>{locale.t('feedback.rating')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={rating !== null && n <= rating ? 'star on' : 'star'}>
            <input
              type="radio"
              name="rating"
              value={n}
              checked={rating === n}
              onChange={() => setRating(n)}
              aria-label={locale.t('feedback.star', { n })}
            />
            <span aria-hidden="true">★</span>
            <span className="star-number" aria-hidden="true">
              {n}
            </span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{locale.t('feedback.comment')}</span>
        <textarea value={comment} maxLength={MAX_COMMENT} rows={3} onChange={(e) => setComment(e.target.value)} />
        <span className="hint">{locale.t('feedback.remaining', { count: MAX_COMMENT - comment.length })}</span>
      </label>
      {error && (
        <p className="notice bad" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={state === 'sending'}>
        {locale.t('feedback.send')}
      </button>
    </form>
  );
}

// The supervisors' sign-in form (the hub's admin pages, the region's pages): a name and a secret, the
// refusal said in the page's words, the secret cleared after each try.
import { ApiError } from '@vikno/shared';
import { type FormEvent, useState } from 'react';

export interface StaffSignInProps<T> {
  /** The form's and its error's classes, each app's look. */
  className: string;
  errorClassName: string;
  text: { title: string; hint: string; username: string; secret: string; submit: string };
  /** A PIN (digits) or a password. */
  secret: 'pin' | 'password';
  signIn: (username: string, secret: string) => Promise<T>;
  /** What to say when the sign-in failed, by the answer's HTTP status (0: no answer). */
  refusal: (status: number, error: unknown) => string;
  onSignedIn: (who: T) => void;
}

export function StaffSignIn<T>({ className, errorClassName, text, secret: kind, signIn, refusal, onSignedIn }: StaffSignInProps<T>) {
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(username.trim(), secret));
    } catch (err) {
      setError(refusal(err instanceof ApiError ? err.status : 0, err));
      setSecret('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={className} onSubmit={submit} aria-labelledby="login-title">
      <h2 id="login-title">{text.title}</h2>
      <p>{text.hint}</p>
      <label>
        {text.username}
        <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        {text.secret}
        <input
          name={kind}
          type="password"
          inputMode={kind === 'pin' ? 'numeric' : undefined}
          autoComplete="current-password"
          required
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
      </label>
      {error && (
        <p role="alert" className={errorClassName}>
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {text.submit}
      </button>
    </form>
  );
}

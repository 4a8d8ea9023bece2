// A new password for `vikno-central user add|password`: asked twice without echo on a terminal, or
// the first line of stdin when it is a pipe (a script, a secrets manager). Never from the command
// line: argv is visible to every local user in `ps` and /proc/<pid>/cmdline, and stays in shell
// history.
import type { Readable } from 'node:stream';
import { UserError } from './users.js';

const MIN_LENGTH = 8;

export async function readNewPassword(input: Readable & { isTTY?: boolean } = process.stdin): Promise<string> {
  if (input.isTTY) {
    const first = await askHidden('New password: ');
    const again = await askHidden('The same again: ');
    if (first !== again) throw new UserError('the two passwords differ: nothing changed');
    return checked(first);
  }
  let text = '';
  for await (const chunk of input) text += chunk;
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new UserError('no password: type it when asked, or give it as the first line of stdin');
  return checked(line);
}

function checked(password: string): string {
  if ([...password].length < MIN_LENGTH) throw new UserError(`a password needs at least ${MIN_LENGTH} characters: nothing changed`);
  return password;
}

/** One line typed at the terminal with nothing echoed: raw mode, so the terminal shows nothing. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (end: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      end();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(() => resolve(typed));
        if (ch === '\u0003') return finish(() => reject(new UserError('cancelled: nothing changed')));
        typed = ch === '\u007f' || ch === '\b' ? [...typed].slice(0, -1).join('') : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

// Taking a command in: what arrived on `cmd/<device>/<command>` checked in full — the device, the
// JSON, the envelope, the reply topic, the device's right to the command, its arguments — before
// anything is decided. Every refusal names its reason; one that cannot be answered on the request's
// own reply topic goes to the device's `rejected` session.
import {
  type CommandName,
  commandRequestSchema,
  commandSchemas,
  type Device,
  describeArgsError,
  type ErrorCode,
  isCommandName,
  type ParsedCommandArgs,
  parseTopic,
} from '@vikno/shared';
import { replyTopicProblem } from './reply-topic.js';

/** Where the hub reports requests it could not read well enough to answer on their reply topic. */
export const REJECTED_SESSION = 'rejected';

export interface Refusal {
  code: ErrorCode;
  message: string;
}

export type Intake =
  /** Not a command to this site, or from no device the hub knows. */
  | { kind: 'ignored'; why?: string }
  /** Refused before its reply topic could be trusted: answered on the device's `rejected` session. */
  | { kind: 'rejected'; device: Device; command: string; refusal: Refusal }
  /** Refused, answered on its own reply topic under its id. */
  | { kind: 'refused'; device: Device; id: string; replyTo: string; refusal: Refusal }
  | { kind: 'command'; device: Device; name: CommandName; id: string; replyTo: string; args: ParsedCommandArgs<CommandName> };

export function takeIn(site: string, devices: ReadonlyMap<string, Device>, topic: string, payload: Buffer): Intake {
  const t = parseTopic(topic);
  if (t?.kind !== 'command' || t.site !== site) return { kind: 'ignored' };
  const device = devices.get(t.device);
  if (!device) return { kind: 'ignored', why: 'command from an unknown device' };
  const rejected = (message: string): Intake => ({
    kind: 'rejected',
    device,
    command: t.command,
    refusal: { code: 'bad_request', message },
  });
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return rejected(`${t.command}: the payload is not JSON`);
  }
  const request = commandRequestSchema.safeParse(body);
  if (!request.success) return rejected(`${t.command}: the request needs an id and a replyTo (${request.error.issues[0]?.message})`);
  const { id, replyTo } = request.data;
  const unanswerable = replyTopicProblem(site, device.id, replyTo);
  if (unanswerable) return rejected(`${t.command}: ${unanswerable}`);
  const refused = (code: ErrorCode, message: string): Intake => ({ kind: 'refused', device, id, replyTo, refusal: { code, message } });
  if (!isCommandName(t.command)) return refused('bad_request', `unknown command "${t.command}"`);
  const name = t.command;
  const spec = commandSchemas[name];
  if (!(spec.roles as readonly string[]).includes(device.role)) return refused('forbidden', `a ${device.role} may not ${name}`);
  const args = spec.args.safeParse(request.data.args);
  if (!args.success) return refused('bad_request', `${name}: ${describeArgsError(args.error)}`);
  return { kind: 'command', device, name, id, replyTo, args: args.data };
}

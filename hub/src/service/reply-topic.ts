// Where the hub may answer a request: the `replyTo` a device names is checked before anything else is
// done with its command, because an answer that cannot be sent must not belong to a command that was
// carried out. An answer goes only under the sender's own reply topics, which only it may read.
import { topics } from '@vikno/shared';
import { topicNameProblem } from '../broker/topic-name.js';

/**
 * The longest `replyTo` taken, in UTF-8 bytes: room for any site and device id (63 characters each)
 * and a session of a hundred; far below MQTT's 65,535, so a reply topic never costs more than its
 * answer, and a device cannot make the hub publish megabytes of topic.
 */
export const MAX_REPLY_TOPIC_BYTES = 256;

/** Why the hub will not answer `device` on `replyTo`, or null when it will. */
export function replyTopicProblem(site: string, device: string, replyTo: string): string | null {
  const prefix = topics.reply(site, device, '');
  const where = `replyTo must be a topic under ${prefix}<session>`;
  const bytes = Buffer.byteLength(replyTo, 'utf8');
  if (bytes > MAX_REPLY_TOPIC_BYTES) return `${where}, at most ${MAX_REPLY_TOPIC_BYTES} bytes long; it is ${bytes}`;
  if (!replyTo.startsWith(prefix) || replyTo.length === prefix.length) return where;
  const problem = topicNameProblem(replyTo);
  return problem ? `${where}: ${problem.replace(/^the topic/, 'it')}` : null;
}

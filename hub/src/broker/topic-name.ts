// What makes a string a topic the hub may publish to. A topic the broker cannot take does not just
// fail: mqtt.js throws while writing a topic longer than 65,535 bytes and then sends nothing more,
// and Mosquitto drops the whole connection over a control character, after which mqtt.js sends the
// same packet again at every reconnect. So nothing of the kind is ever handed to a client.

/** MQTT 3.1.1 §1.5.3: a string's length is a two-byte count of its UTF-8 bytes. */
export const MAX_TOPIC_BYTES = 65_535;

/** Why `topic` cannot be published to, or null when it can. */
export function topicNameProblem(topic: string): string | null {
  if (!topic) return 'the topic is empty';
  const bytes = Buffer.byteLength(topic, 'utf8');
  if (bytes > MAX_TOPIC_BYTES) return `the topic is ${bytes} bytes long; MQTT allows at most ${MAX_TOPIC_BYTES}`;
  if (topic.includes('+') || topic.includes('#')) return 'the topic has a wildcard (+ or #), which only a subscription may use';
  for (const char of topic) {
    const code = char.codePointAt(0)!;
    if (unsendable(code))
      return `the topic has the character U+${code.toString(16).toUpperCase().padStart(4, '0')}, which MQTT brokers refuse`;
  }
  return null;
}

/**
 * U+0000, which MQTT 3.1.1 §1.5.3 forbids; the C0 and C1 controls, DEL and the non-characters, which it
 * says should not be sent and Mosquitto 2.0 refuses as malformed; and a lone surrogate, which has no
 * UTF-8 form at all (it would go out as U+FFFD, another topic).
 */
function unsendable(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    (code >= 0xfdd0 && code <= 0xfdef) ||
    (code & 0xfffe) === 0xfffe
  );
}

// Getting the visitor's attention on a phone in a pocket: a beep (WebAudio), a vibration and, when
// the visitor allowed it, a notification. Browsers let a page sound only after a touch, so the
// "alert me" button unlocks the audio as well as asking for notifications.
let audio: AudioContext | undefined;

/** Call from a user gesture: lets later beeps play. */
export function unlockAudio(): void {
  audio ??= new AudioContext();
  void audio.resume();
}

function beep(times: number): void {
  audio ??= new AudioContext();
  void audio.resume();
  const ctx = audio;
  for (let i = 0; i < times; i++) {
    const start = ctx.currentTime + i * 0.45;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.5, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.32);
  }
}

export type AlertKind = 'called' | 'soon';

export function alertVisitor(kind: AlertKind, text: string): void {
  beep(kind === 'called' ? 3 : 1);
  navigator.vibrate?.(kind === 'called' ? [400, 150, 400, 150, 400] : [300]);
  if ('Notification' in window && Notification.permission === 'granted') {
    try {
      new Notification(text, { tag: `vikno-${kind}` });
    } catch {
      // Mobile Chrome only shows notifications from a service worker; the beep and vibration remain.
    }
  }
}
